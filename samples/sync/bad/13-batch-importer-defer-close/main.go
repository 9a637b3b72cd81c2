// Sample: a batch importer that defers each file's Close inside its loop:
// every file of the batch stays open until the whole batch is done.
//
// want GR1050 at 34:3
// runtime: DEFECT
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"

	"conclint.example/sync/internal/measure"
)

func countLines(f *os.File) (int, error) {
	n := 0
	s := bufio.NewScanner(f)
	for s.Scan() {
		n++
	}
	return n, s.Err()
}

// importAll counts the records of each file, reporting progress after each.
func importAll(paths []string, progress func(done int)) (int, error) {
	total := 0
	for i, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return total, err
		}
		defer f.Close()
		n, err := countLines(f)
		if err != nil {
			return total, err
		}
		total += n
		progress(i + 1)
	}
	return total, nil
}

func main() {
	dir, err := os.MkdirTemp("", "conclint-import")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	var paths []string
	for i := 0; i < 50; i++ {
		p := filepath.Join(dir, fmt.Sprintf("batch-%02d.csv", i))
		if err := os.WriteFile(p, []byte("id,name\n1,a\n2,b\n"), 0o600); err != nil {
			fmt.Println(err)
			return
		}
		paths = append(paths, p)
	}
	before := measure.OpenFiles()
	most := 0
	total, err := importAll(paths, func(done int) {
		if open := measure.OpenFiles() - before; open > most {
			most = open
		}
	})
	fmt.Printf("imported %d lines (err %v); at most %d files open at once\n", total, err, most)
	if most > 1 {
		fmt.Printf("DEFECT: %d files were open at the same time\n", most)
	}
}
