/// The built-in model of the standard library's concurrency-relevant API,
/// used when GOROOT's sources are absent: Go declarations (no bodies) that
/// the checker reads like any package, so that `sync.WaitGroup`,
/// `time.Ticker` or `context.CancelFunc` keep their types. What the model
/// leaves out is unknown (`.invalid`), never guessed; README.md says what
/// precision is lost.
enum StandardLibraryModel {
    static func source(for path: String) -> String? {
        sources[path]
    }

    static let paths: [String] = sources.keys.sorted()

    private static let sources: [String: String] = [
        "sync": sync,
        "sync/atomic": atomic,
        "time": time,
        "context": context,
        "runtime": runtime,
        "os/signal": signal,
        "os": os,
        "net/http": http,
        "golang.org/x/sync/errgroup": errgroup,
        "errors": errors,
        "fmt": fmt,
        "io": io,
        "log": log,
        "database/sql": sql,
    ]

    private static let sync = """
    package sync

    type Locker interface {
        Lock()
        Unlock()
    }

    type Mutex struct{ state int32; sema uint32 }
    func (m *Mutex) Lock()
    func (m *Mutex) Unlock()
    func (m *Mutex) TryLock() bool

    type RWMutex struct{ w Mutex; writerSem, readerSem uint32; readerCount, readerWait int32 }
    func (rw *RWMutex) Lock()
    func (rw *RWMutex) Unlock()
    func (rw *RWMutex) RLock()
    func (rw *RWMutex) RUnlock()
    func (rw *RWMutex) TryLock() bool
    func (rw *RWMutex) TryRLock() bool
    func (rw *RWMutex) RLocker() Locker

    type WaitGroup struct{ noCopy noCopy; state1 uint64; state2 uint32 }
    func (wg *WaitGroup) Add(delta int)
    func (wg *WaitGroup) Done()
    func (wg *WaitGroup) Wait()
    func (wg *WaitGroup) Go(f func())

    type Once struct{ done uint32; m Mutex }
    func (o *Once) Do(f func())
    func OnceFunc(f func()) func()

    type Cond struct{ noCopy noCopy; L Locker; notify uintptr; checker uintptr }
    func NewCond(l Locker) *Cond
    func (c *Cond) Wait()
    func (c *Cond) Signal()
    func (c *Cond) Broadcast()

    type Pool struct{ noCopy noCopy; local uintptr; New func() any }
    func (p *Pool) Get() any
    func (p *Pool) Put(x any)

    type Map struct{ mu Mutex; dirty map[any]any }
    func (m *Map) Load(key any) (value any, ok bool)
    func (m *Map) Store(key, value any)
    func (m *Map) LoadOrStore(key, value any) (actual any, loaded bool)
    func (m *Map) LoadAndDelete(key any) (value any, loaded bool)
    func (m *Map) Delete(key any)
    func (m *Map) Swap(key, value any) (previous any, loaded bool)
    func (m *Map) CompareAndSwap(key, old, new any) bool
    func (m *Map) CompareAndDelete(key, old any) bool
    func (m *Map) Range(f func(key, value any) bool)

    type noCopy struct{}
    func (*noCopy) Lock()
    func (*noCopy) Unlock()
    """

    private static let atomic = """
    package atomic

    import "unsafe"

    func AddInt32(addr *int32, delta int32) (new int32)
    func AddInt64(addr *int64, delta int64) (new int64)
    func AddUint32(addr *uint32, delta uint32) (new uint32)
    func AddUint64(addr *uint64, delta uint64) (new uint64)
    func AddUintptr(addr *uintptr, delta uintptr) (new uintptr)
    func LoadInt32(addr *int32) (val int32)
    func LoadInt64(addr *int64) (val int64)
    func LoadUint32(addr *uint32) (val uint32)
    func LoadUint64(addr *uint64) (val uint64)
    func LoadUintptr(addr *uintptr) (val uintptr)
    func LoadPointer(addr *unsafe.Pointer) (val unsafe.Pointer)
    func StoreInt32(addr *int32, val int32)
    func StoreInt64(addr *int64, val int64)
    func StoreUint32(addr *uint32, val uint32)
    func StoreUint64(addr *uint64, val uint64)
    func StoreUintptr(addr *uintptr, val uintptr)
    func StorePointer(addr *unsafe.Pointer, val unsafe.Pointer)
    func SwapInt32(addr *int32, new int32) (old int32)
    func SwapInt64(addr *int64, new int64) (old int64)
    func SwapUint32(addr *uint32, new uint32) (old uint32)
    func SwapUint64(addr *uint64, new uint64) (old uint64)
    func CompareAndSwapInt32(addr *int32, old, new int32) (swapped bool)
    func CompareAndSwapInt64(addr *int64, old, new int64) (swapped bool)
    func CompareAndSwapUint32(addr *uint32, old, new uint32) (swapped bool)
    func CompareAndSwapUint64(addr *uint64, old, new uint64) (swapped bool)
    func CompareAndSwapPointer(addr *unsafe.Pointer, old, new unsafe.Pointer) (swapped bool)

    type Value struct{ v any }
    func (v *Value) Load() (val any)
    func (v *Value) Store(val any)
    func (v *Value) Swap(new any) (old any)
    func (v *Value) CompareAndSwap(old, new any) (swapped bool)

    type noCopy struct{}
    type align64 struct{}

    type Bool struct{ _ noCopy; v uint32 }
    func (x *Bool) Load() bool
    func (x *Bool) Store(val bool)
    func (x *Bool) Swap(new bool) (old bool)
    func (x *Bool) CompareAndSwap(old, new bool) (swapped bool)

    type Int32 struct{ _ noCopy; v int32 }
    func (x *Int32) Load() int32
    func (x *Int32) Store(val int32)
    func (x *Int32) Swap(new int32) (old int32)
    func (x *Int32) CompareAndSwap(old, new int32) (swapped bool)
    func (x *Int32) Add(delta int32) (new int32)

    type Int64 struct{ _ noCopy; _ align64; v int64 }
    func (x *Int64) Load() int64
    func (x *Int64) Store(val int64)
    func (x *Int64) Swap(new int64) (old int64)
    func (x *Int64) CompareAndSwap(old, new int64) (swapped bool)
    func (x *Int64) Add(delta int64) (new int64)

    type Uint32 struct{ _ noCopy; v uint32 }
    func (x *Uint32) Load() uint32
    func (x *Uint32) Store(val uint32)
    func (x *Uint32) Swap(new uint32) (old uint32)
    func (x *Uint32) CompareAndSwap(old, new uint32) (swapped bool)
    func (x *Uint32) Add(delta uint32) (new uint32)

    type Uint64 struct{ _ noCopy; _ align64; v uint64 }
    func (x *Uint64) Load() uint64
    func (x *Uint64) Store(val uint64)
    func (x *Uint64) Swap(new uint64) (old uint64)
    func (x *Uint64) CompareAndSwap(old, new uint64) (swapped bool)
    func (x *Uint64) Add(delta uint64) (new uint64)

    type Pointer[T any] struct{ _ noCopy; v unsafe.Pointer }
    func (x *Pointer[T]) Load() *T
    func (x *Pointer[T]) Store(val *T)
    func (x *Pointer[T]) Swap(new *T) (old *T)
    func (x *Pointer[T]) CompareAndSwap(old, new *T) (swapped bool)
    """

    private static let time = """
    package time

    type Duration int64

    const (
        Nanosecond  Duration = 1
        Microsecond          = 1000 * Nanosecond
        Millisecond          = 1000 * Microsecond
        Second               = 1000 * Millisecond
        Minute               = 60 * Second
        Hour                 = 60 * Minute
    )

    func (d Duration) Seconds() float64
    func (d Duration) Milliseconds() int64
    func (d Duration) String() string

    type Month int
    type Weekday int
    type Location struct{ name string }

    var UTC *Location
    var Local *Location

    type Time struct{ wall uint64; ext int64; loc *Location }
    func Now() Time
    func Unix(sec int64, nsec int64) Time
    func Date(year int, month Month, day, hour, min, sec, nsec int, loc *Location) Time
    func Since(t Time) Duration
    func Until(t Time) Duration
    func (t Time) Add(d Duration) Time
    func (t Time) Sub(u Time) Duration
    func (t Time) Before(u Time) bool
    func (t Time) After(u Time) bool
    func (t Time) Equal(u Time) bool
    func (t Time) IsZero() bool
    func (t Time) Unix() int64
    func (t Time) UnixNano() int64
    func (t Time) Format(layout string) string
    func (t Time) String() string
    func (t Time) Truncate(d Duration) Time

    type Timer struct{ C <-chan Time; r runtimeTimer }
    func NewTimer(d Duration) *Timer
    func AfterFunc(d Duration, f func()) *Timer
    func (t *Timer) Stop() bool
    func (t *Timer) Reset(d Duration) bool

    type Ticker struct{ C <-chan Time; r runtimeTimer }
    func NewTicker(d Duration) *Ticker
    func (t *Ticker) Stop()
    func (t *Ticker) Reset(d Duration)

    type runtimeTimer struct{ when int64; period int64 }

    func After(d Duration) <-chan Time
    func Tick(d Duration) <-chan Time
    func Sleep(d Duration)
    func ParseDuration(s string) (Duration, error)
    """

    private static let context = """
    package context

    import "time"

    type Context interface {
        Deadline() (deadline time.Time, ok bool)
        Done() <-chan struct{}
        Err() error
        Value(key any) any
    }

    type CancelFunc func()
    type CancelCauseFunc func(cause error)

    var Canceled error
    var DeadlineExceeded error

    func Background() Context
    func TODO() Context
    func WithCancel(parent Context) (ctx Context, cancel CancelFunc)
    func WithCancelCause(parent Context) (ctx Context, cancel CancelCauseFunc)
    func WithDeadline(parent Context, d time.Time) (Context, CancelFunc)
    func WithTimeout(parent Context, timeout time.Duration) (Context, CancelFunc)
    func WithValue(parent Context, key, val any) Context
    func WithoutCancel(parent Context) Context
    func AfterFunc(ctx Context, f func()) (stop func() bool)
    func Cause(c Context) error
    """

    private static let runtime = """
    package runtime

    func Gosched()
    func GC()
    func Goexit()
    func NumGoroutine() int
    func NumCPU() int
    func GOMAXPROCS(n int) int
    func LockOSThread()
    func UnlockOSThread()
    func KeepAlive(x any)
    func SetFinalizer(obj any, finalizer any)
    func Stack(buf []byte, all bool) int
    func Caller(skip int) (pc uintptr, file string, line int, ok bool)

    const GOOS = "linux"
    const GOARCH = "amd64"
    """

    private static let signal = """
    package signal

    import (
        "context"
        "os"
    )

    func Notify(c chan<- os.Signal, sig ...os.Signal)
    func Stop(c chan<- os.Signal)
    func Ignore(sig ...os.Signal)
    func Reset(sig ...os.Signal)
    func NotifyContext(parent context.Context, signals ...os.Signal) (ctx context.Context, stop context.CancelFunc)
    """

    private static let os = """
    package os

    type Signal interface {
        String() string
        Signal()
    }

    type sig int
    func (s sig) String() string
    func (s sig) Signal()

    var Interrupt Signal = sig(2)
    var Kill Signal = sig(9)

    type FileMode uint32

    type File struct{ name string; fd int }
    func Open(name string) (*File, error)
    func Create(name string) (*File, error)
    func OpenFile(name string, flag int, perm FileMode) (*File, error)
    func (f *File) Close() error
    func (f *File) Read(b []byte) (n int, err error)
    func (f *File) Write(b []byte) (n int, err error)
    func (f *File) WriteString(s string) (n int, err error)
    func (f *File) Name() string
    func (f *File) Sync() error

    var Stdin, Stdout, Stderr *File
    var Args []string

    func Exit(code int)
    func Getenv(key string) string
    func ReadFile(name string) ([]byte, error)
    func WriteFile(name string, data []byte, perm FileMode) error
    func Remove(name string) error
    """

    private static let http = """
    package http

    import (
        "context"
        "io"
        "time"
    )

    type Header map[string][]string
    func (h Header) Get(key string) string
    func (h Header) Set(key, value string)
    func (h Header) Add(key, value string)

    type Request struct {
        Method string
        Header Header
        Body   io.ReadCloser
        Host   string
        ctx    context.Context
    }
    func (r *Request) Context() context.Context
    func (r *Request) WithContext(ctx context.Context) *Request
    func (r *Request) FormValue(key string) string
    func NewRequest(method, url string, body io.Reader) (*Request, error)
    func NewRequestWithContext(ctx context.Context, method, url string, body io.Reader) (*Request, error)

    type Response struct {
        Status     string
        StatusCode int
        Header     Header
        Body       io.ReadCloser
    }

    type ResponseWriter interface {
        Header() Header
        Write([]byte) (int, error)
        WriteHeader(statusCode int)
    }

    type Handler interface {
        ServeHTTP(ResponseWriter, *Request)
    }

    type HandlerFunc func(ResponseWriter, *Request)
    func (f HandlerFunc) ServeHTTP(w ResponseWriter, r *Request)

    type ServeMux struct{ m map[string]Handler }
    func NewServeMux() *ServeMux
    func (mux *ServeMux) Handle(pattern string, handler Handler)
    func (mux *ServeMux) HandleFunc(pattern string, handler func(ResponseWriter, *Request))
    func (mux *ServeMux) ServeHTTP(w ResponseWriter, r *Request)

    var DefaultServeMux *ServeMux

    func Handle(pattern string, handler Handler)
    func HandleFunc(pattern string, handler func(ResponseWriter, *Request))
    func ListenAndServe(addr string, handler Handler) error
    func ListenAndServeTLS(addr, certFile, keyFile string, handler Handler) error
    func Error(w ResponseWriter, error string, code int)
    func TimeoutHandler(h Handler, dt time.Duration, msg string) Handler

    type Server struct {
        Addr         string
        Handler      Handler
        ReadTimeout  time.Duration
        WriteTimeout time.Duration
    }
    func (srv *Server) ListenAndServe() error
    func (srv *Server) Shutdown(ctx context.Context) error
    func (srv *Server) Close() error

    type Client struct{ Timeout time.Duration }
    func (c *Client) Do(req *Request) (*Response, error)
    func (c *Client) Get(url string) (*Response, error)
    var DefaultClient *Client
    func Get(url string) (*Response, error)

    const (
        StatusOK                  = 200
        StatusBadRequest          = 400
        StatusNotFound            = 404
        StatusInternalServerError = 500
    )
    """

    private static let errgroup = """
    package errgroup

    import "context"

    type Group struct{ cancel func(error); err error }
    func WithContext(ctx context.Context) (*Group, context.Context)
    func (g *Group) Go(f func() error)
    func (g *Group) TryGo(f func() error) bool
    func (g *Group) Wait() error
    func (g *Group) SetLimit(n int)
    """

    private static let errors = """
    package errors

    func New(text string) error
    func Is(err, target error) bool
    func As(err error, target any) bool
    func Unwrap(err error) error
    func Join(errs ...error) error
    """

    private static let fmt = """
    package fmt

    import "io"

    type Stringer interface {
        String() string
    }

    func Println(a ...any) (n int, err error)
    func Printf(format string, a ...any) (n int, err error)
    func Print(a ...any) (n int, err error)
    func Sprintf(format string, a ...any) string
    func Sprint(a ...any) string
    func Sprintln(a ...any) string
    func Errorf(format string, a ...any) error
    func Fprintf(w io.Writer, format string, a ...any) (n int, err error)
    func Fprintln(w io.Writer, a ...any) (n int, err error)
    func Fprint(w io.Writer, a ...any) (n int, err error)
    func Sscanf(str string, format string, a ...any) (n int, err error)
    """

    private static let io = """
    package io

    type Reader interface {
        Read(p []byte) (n int, err error)
    }
    type Writer interface {
        Write(p []byte) (n int, err error)
    }
    type Closer interface {
        Close() error
    }
    type ReadCloser interface {
        Reader
        Closer
    }
    type WriteCloser interface {
        Writer
        Closer
    }
    type ReadWriter interface {
        Reader
        Writer
    }

    var EOF error
    var Discard Writer

    func Copy(dst Writer, src Reader) (written int64, err error)
    func ReadAll(r Reader) ([]byte, error)
    func WriteString(w Writer, s string) (n int, err error)
    """

    private static let log = """
    package log

    func Println(v ...any)
    func Printf(format string, v ...any)
    func Print(v ...any)
    func Fatal(v ...any)
    func Fatalf(format string, v ...any)
    func Fatalln(v ...any)
    func Panic(v ...any)
    func Panicf(format string, v ...any)
    """

    private static let sql = """
    package sql

    import "context"

    type DB struct{ maxOpen int }
    func Open(driverName, dataSourceName string) (*DB, error)
    func (db *DB) Close() error
    func (db *DB) Query(query string, args ...any) (*Rows, error)
    func (db *DB) QueryContext(ctx context.Context, query string, args ...any) (*Rows, error)
    func (db *DB) QueryRow(query string, args ...any) *Row
    func (db *DB) Exec(query string, args ...any) (Result, error)
    func (db *DB) Begin() (*Tx, error)

    type Rows struct{ closed bool }
    func (rs *Rows) Next() bool
    func (rs *Rows) Scan(dest ...any) error
    func (rs *Rows) Close() error
    func (rs *Rows) Err() error

    type Row struct{ err error }
    func (r *Row) Scan(dest ...any) error

    type Result interface {
        LastInsertId() (int64, error)
        RowsAffected() (int64, error)
    }

    type Tx struct{ done int32 }
    func (tx *Tx) Commit() error
    func (tx *Tx) Rollback() error
    func (tx *Tx) Query(query string, args ...any) (*Rows, error)
    """
}
