// Sample: a recursive directory walk that defers each directory's Close:
// every directory on the path stays open until the walk unwinds.
//
// want GR1050 at 23:2
// runtime: DEFECT
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"conclint.example/sync/internal/measure"
)

// walk calls visit for every file below dir.
func walk(dir string, visit func(path string)) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	entries, err := d.ReadDir(-1)
	if err != nil {
		return err
	}
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if e.IsDir() {
			if err := walk(p, visit); err != nil {
				return err
			}
			continue
		}
		visit(p)
	}
	return nil
}

func main() {
	root, err := os.MkdirTemp("", "conclint-walk")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(root)
	deep := filepath.Join(append([]string{root}, strings.Split(strings.Repeat("d/", 20), "/")...)...)
	if err := os.MkdirAll(deep, 0o700); err != nil {
		fmt.Println(err)
		return
	}
	if err := os.WriteFile(filepath.Join(deep, "leaf.txt"), nil, 0o600); err != nil {
		fmt.Println(err)
		return
	}
	before := measure.OpenFiles()
	most := 0
	err = walk(root, func(string) {
		if open := measure.OpenFiles() - before; open > most {
			most = open
		}
	})
	fmt.Printf("walked (err %v); %d directories open at the deepest file\n", err, most)
	if most > 2 {
		fmt.Printf("DEFECT: %d directories held open at once\n", most)
	}
}
