import Analyses

/// The analyses keep the results of unchanged parts of the program in the
/// same directory as whole runs (AnalysisMemo).
extension ResultCache: AnalysisResultStore {}
