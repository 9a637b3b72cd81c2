// Look-alike: a lexer goroutine sends one token per field and then one of
// kind EOF; the parser reads until that EOF, after which nothing more is
// sent, so the lexer always finishes.
//
// want nothing
// runtime: ok
package main

import (
	"fmt"
	"strings"

	"conclint.example/leaks/internal/leakcheck"
)

type kind int

const (
	kindWord kind = iota
	kindError
	kindEOF
)

type token struct {
	kind kind
	text string
}

// lex sends a word token per field of input, an error token for an empty
// field, and then EOF.
func lex(input string, out chan<- token) {
	for _, field := range strings.Split(input, ",") {
		if field == "" {
			out <- token{kindError, "empty field"}
			continue
		}
		out <- token{kindWord, field}
	}
	out <- token{kindEOF, ""}
}

// parse collects the words of input and counts its empty fields.
func parse(input string) (words []string, empty int) {
	tokens := make(chan token)
	go lex(input, tokens)
	for {
		t := <-tokens
		switch t.kind {
		case kindEOF:
			return words, empty
		case kindError:
			empty++
		default:
			words = append(words, t.text)
		}
	}
}

func main() {
	base := leakcheck.Baseline()
	words, empty := parse("a,,b,c")
	fmt.Println(words, empty)
	leakcheck.Report(base)
}
