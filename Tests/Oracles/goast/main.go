// Command goast is the Go toolchain's side of conclint's differential parser
// test. For every .go file named on the command line (directories are walked,
// skipping testdata), it prints with go/parser:
//
//	func FILE:LINE:COL RECV NAME     for each function and method declaration
//	call FILE:LINE:COL:LPAREN        for each call expression (start and '(')
//
// one fact per line, sorted, so that conclint's AST can be compared with it.
package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	var files []string
	for _, arg := range os.Args[1:] {
		info, err := os.Stat(arg)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if !info.IsDir() {
			files = append(files, arg)
			continue
		}
		filepath.WalkDir(arg, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(path, ".go") {
				files = append(files, path)
			}
			return nil
		})
	}
	var lines []string
	fset := token.NewFileSet()
	for _, path := range files {
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			continue
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				recv := "-"
				if n.Recv != nil && len(n.Recv.List) > 0 {
					recv = types.ExprString(n.Recv.List[0].Type)
				}
				p := fset.Position(n.Pos())
				lines = append(lines, fmt.Sprintf("func %s:%d:%d %s %s", path, p.Line, p.Column, recv, n.Name.Name))
			case *ast.CallExpr:
				p := fset.Position(n.Pos())
				l := fset.Position(n.Lparen)
				lines = append(lines, fmt.Sprintf("call %s:%d:%d:%d:%d", path, p.Line, p.Column, l.Line, l.Column))
			}
			return true
		})
	}
	sort.Strings(lines)
	w := bufio.NewWriter(os.Stdout)
	for _, l := range lines {
		w.WriteString(l)
		w.WriteByte('\n')
	}
	w.Flush()
}
