// Sample: the parser returns at the first error token, while the lexer
// goroutine still has tokens to send: its next send blocks for ever
// (a word here; another error or the EOF token with other input).
//
// want CH1001 at 36:4
// want CH1001 at 39:3
// want CH1001 at 41:2
// runtime: LEAK
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

// parse returns the words of input, or the first error.
func parse(input string) ([]string, error) {
	var words []string
	tokens := make(chan token)
	go lex(input, tokens)
	for {
		t := <-tokens
		switch t.kind {
		case kindEOF:
			return words, nil
		case kindError:
			return nil, fmt.Errorf("parse %q: %s", input, t.text)
		default:
			words = append(words, t.text)
		}
	}
}

func main() {
	base := leakcheck.Baseline()
	_, err := parse("a,,b,c")
	fmt.Println(err)
	leakcheck.Report(base)
}
