import ConcIR

/// Hand-written modules shared by the tests.
enum Fixtures {
    /// Every opcode, terminator, operand form and type form, in printed
    /// (canonical) form, so `print(parse(text)) == text` must hold exactly.
    static let everything = """
    package example.com/p
    go 1.22
    file "server.go"
    file "util.go"

    type example.com/p.Server struct{ mu sync.Mutex; rw sync.RWMutex; wg sync.WaitGroup; cache map[string]int; inner *example.com/p.Inner; sync.Once; done chan struct{} }
    type example.com/p.Inner struct{ wg *sync.WaitGroup; ticks <-chan time.Time; out chan<- int; nested chan (<-chan int) }
    type example.com/p.List struct{ items []T; count [4]int64 }
    type example.com/p.Handler interface{ Serve(int, ...string) (bool, error); io.Closer }

    global example.com/p.counts map[string]int
    global example.com/p.cfg example.com/p.Server
    global os.Args []string
    global "odd name" func(int) func() error

    func (s *example.com/p.Server) Run(ctx context.Context, n int, names ...string) (err error) @10:1 {
    \tvar ch chan int
    \tvar t *time.Ticker
    \tvar cancel context.CancelFunc
    \tvar v int
    \tvar ok bool
    \tvar xs []example.com/p.List[int]
    \tvar f func(int) (int, error)
    \tvar err#1 error
    \tvar addr sync.Mutex
    \tvar os int
    b0:
    \t%1 = chan.make int, 0 @11:8
    \tch = chan.make *example.com/p.Inner, n @12:8
    \t%2 = chan.make struct{}, ? @13:8
    \tchan.send ch, 42 @14:2
    \tv, ok = chan.recv ch @15:10
    \t_, ok = chan.recv %1 @16:5
    \tchan.recv s.inner.ticks @17:2
    \tchan.close ch @18:2
    \t%3 = chan.len ch @19:5
    \t%4 = chan.cap ch @19:20
    \twg.add s.wg, 1 @20:2
    \tdefer wg.done s.wg @21:2
    \twg.wait s.inner.wg @22:2
    \twg.go s.wg, func example.com/p.worker @23:2
    \tmutex.lock s.mu @24:2
    \tdefer mutex.unlock s.mu @25:2
    \tmutex.rlock s.rw @26:2
    \tmutex.runlock s.rw @27:2
    \t%5 = mutex.trylock s.mu @28:5
    \t%6 = mutex.tryrlock s.rw @29:5
    \t%7 = timer.new 1000000 @30:7
    \tt = ticker.new n @31:7
    \t%8 = timer.stop %7 @32:2
    \tticker.stop t @33:2
    \t%9 = timer.reset %7, 5 @34:2
    \tticker.reset t, 5 @35:2
    \t%10 = time.after 1000 @36:9
    \t%11 = time.afterfunc 1000, func (*example.com/p.Server).Run.func1 @37:9
    \t%12 = time.tick -1 @38:9
    \ttime.sleep 10 @39:2
    \tchan.recv %7.C @40:2
    \tchan.recv t.C @41:2
    \t%13 = ctx.background @42:9
    \t%14 = ctx.todo @43:9
    \t%15, cancel = ctx.withcancel ctx @44:16
    \t%16, _ = ctx.withcancelcause %15 @45:9
    \t%17, %18 = ctx.withtimeout ctx, 30 @46:9
    \t%19, %20 = ctx.withdeadline ctx, ? @47:9
    \t%21 = ctx.withvalue ctx @48:9
    \tdefer ctx.cancel cancel @49:2
    \tctx.cancel %18, nil @50:2
    \t%22 = ctx.done ctx @51:9
    \t%23 = ctx.err ctx @52:9
    \t%24 = map.make map[string]int @53:9
    \t%25 = map.make map[string]*example.com/p.Server, 10 @54:9
    \t%26, ok = map.read s.cache @55:9
    \tmap.write example.com/p.counts @56:2
    \tmap.delete s.cache @57:2
    \t%27 = map.len %24 @58:9
    \t%28, %29 = map.range s.cache @59:9
    \tmap.clear xs[].items[] @60:2
    \tonce.do s.Once, func example.com/p.setup @61:2
    \t%30 = cond.new addr @62:9
    \tcond.wait %30 @63:2
    \tcond.signal %30 @64:2
    \tcond.broadcast %30 @65:2
    \t%31 = pool.get global(os.Args)[] @66:9
    \tpool.put %31, "x\\t\\"q\\"\\\\" @67:2
    \t%32 = atomic.load v @68:9
    \tatomic.store v, 1 @69:2
    \t%33 = atomic.add v, -1 @70:9
    \t%34 = atomic.swap v, 2 @71:9
    \t%35 = atomic.cas v, 1, 2 @72:9
    \t%36 = atomic.value.load example.com/p.cfg.mu @73:9
    \tatomic.value.store %36, true @74:2
    \t%37 = atomic.value.swap %36, false @75:9
    \t%38 = atomic.value.cas %36, nil, "é" @76:9
    \truntime.lockosthread @77:2
    \tdefer runtime.unlockosthread @78:2
    \t%39 = cgo.call C.malloc(8) @79:9
    \tdefer cgo.call C.free(%39) @80:2
    \t%40 = alloc.new example.com/p.Server @81:9
    \t%41 = alloc.make []int, n, 10 @82:9
    \t%42 = alloc.lit map[int]func() @83:9
    \t%43 = addr v @84:9
    \tassign *%43 = v @85:2
    \tassign (*%43).inner.wg = *s.inner @86:2
    \tuse *(*s).inner @87:2
    \t%49 = isnil s @87:9
    \t%50 = cmp.eq n, 10 @87:12
    \t%51 = cmp.lt %41, n @87:14
    \t%52 = cmp.le "a", v @87:16
    \t%53 = len s.inner @87:17
    \tn = add n, 1 @87:17
    \t%54 = sub %53, n @87:17
    \tv = zero @87:18
    \t%44, err#1 = call example.com/p.helper(ch, 1, "s", true, nil, ?) @88:14
    \tcall (*example.com/p.Server).stop(s) @89:2
    \t%45 = call (example.com/p.Handler).Serve(%40, 1) targets [(*example.com/p.Server).Serve, (example.com/p.plain).Serve] @90:9
    \tcall (io.Closer).Close(%40) targets [] @91:2
    \t%46, %47 = call (f)(3) targets [example.com/p.Run.func2] @92:9
    \tcall (s.inner.wg)() @93:2
    \tcall ?(v) @94:2
    \tgo example.com/p.worker(ch, s.wg) @95:2
    \tgo (*example.com/p.Server).loop(s) @96:2
    \tdefer (f)(1) @97:2
    \tgo ?() @98:2
    \tgo call time.sleep(v) @99:2
    \tgo chan.close ch @100:2
    \tcall (global("odd name"))(1) @101:2
    \tcall "weird callee"() @102:2
    \tcall (*example.com/p.Server).Run.func1() @103:2
    \tjump b1 @104:2
    b1: loop
    \t%48, ok = range chan.recv ch @105:17
    \tif ok then b2 else b3 @105:17
    b2: loop 10
    \tif %48 then b1 else b4 @106:3
    b3: loop n
    \tif ? then b3 else b4 @107:3
    b4: loop len(xs)
    \tselect { case %49, %50 = recv ch @109:7 -> b5; case send s.inner.out, %48 @110:7 -> b6; case recv %22 @111:7 -> b7; default -> b8 } @108:2
    b5: loop n plus -1
    \tselect {} @113:2
    b6: loop len(xs) plus 1
    \tselect { case recv %10 @115:7 -> b7 } @114:2
    b7:
    \treturn err @117:2
    b8:
    \tpanic "boom" @119:2
    b9:
    \tunreachable @121:2
    }

    func (*example.com/p.Server).Run.func1() @"util.go":37:30 {
    \tparent (*example.com/p.Server).Run
    \tcapture s *example.com/p.Server
    \tcapture ch chan int
    b0:
    \tchan.send ch, 1 @38:3
    \treturn @39:2
    }

    func example.com/p.worker(ch <-chan int, wg *sync.WaitGroup) (int, bool) @"util.go":5:1 {
    b0:
    \tdefer wg.done wg @6:2
    \treturn 1, false @7:2
    }

    func example.com/p.asm(_ uintptr, p unsafe.Pointer) func() bool @2:3

    func (_ example.com/p.plain) Serve(a int, b ...string) (bool, error) @3:1

    func example.com/p.setup() @9:9 {
    b0:
    \treturn @9:10
    }

    """
}
