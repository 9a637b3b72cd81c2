// Command gob-idtotype shows the race conclint reports at
// encoding/gob/type.go:186 (MR1002) on Go 1.19: a Decoder that meets a
// field of a type its stream never defined reads the package's idToType
// map without typeLock (decIgnoreOpFor builds its error message with
// wireId.string()), while an Encoder meeting a new type writes that map
// under typeLock (setTypeId, newTypeObject).
//
// One goroutine decodes a malformed stream over and over; another encodes
// values of types gob has not seen yet, both for at most 30 seconds. With
// -race (and GORACE=halt_on_error=1) the race detector reports the pair
// and stops; without it the runtime stops the process with "fatal error:
// concurrent map read and map write", on this machine within milliseconds.
package main

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"os"
	"reflect"
	"sync"
	"time"
)

type inner struct{ X int }

type sent struct {
	A int
	B inner
}

type received struct{ A int }

// malformed encodes a sent value and then renames the type of its field B
// in the stream's type definition to id 100, which the stream never
// defines. Decoding it into received skips B, and looking up how to skip
// it fails on the undefined id.
func malformed() []byte {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(sent{1, inner{2}}); err != nil {
		panic(err)
	}
	b := buf.Bytes()
	// Field "B" (length 1, 'B') and its type id 66, as gob writes them.
	at := bytes.Index(b, []byte{0x01, 'B', 0x01, 0xff, 0x84})
	if at < 0 {
		panic("the stream's layout is not the one expected")
	}
	b[at+4] = 0xc8 // id 100
	return b
}

func main() {
	stream := malformed()
	var r received
	fmt.Println("decoding the malformed stream:", gob.NewDecoder(bytes.NewReader(stream)).Decode(&r))

	const limit = 30 * time.Second
	start := time.Now()
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		for time.Since(start) < limit {
			var r received
			_ = gob.NewDecoder(bytes.NewReader(stream)).Decode(&r)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; time.Since(start) < limit; i++ {
			// A struct type gob has not seen: encoding it registers a type id.
			field := reflect.StructField{Name: fmt.Sprintf("F%d", i), Type: reflect.TypeOf(0)}
			v := reflect.New(reflect.StructOf([]reflect.StructField{field})).Elem()
			var buf bytes.Buffer
			_ = gob.NewEncoder(&buf).EncodeValue(v)
		}
	}()
	wg.Wait()
	fmt.Fprintln(os.Stderr, "no crash in", limit)
}
