// Sample: settings are loaded once and the loader panics when the file
// is missing; the handler recovers, but the Once is spent: later requests
// see no settings even after the file appears.
//
// want SY1010 at 34:2
// runtime: DEFECT
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

var (
	settingsOnce sync.Once
	settings     map[string]string
	settingsPath = filepath.Join(os.TempDir(), fmt.Sprintf("conclint-settings-%d.conf", os.Getpid()))
)

func load(data string) map[string]string {
	out := map[string]string{}
	for _, line := range strings.Split(data, "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			out[k] = v
		}
	}
	return out
}

func current() map[string]string {
	settingsOnce.Do(func() {
		data, err := os.ReadFile(settingsPath)
		if err != nil {
			panic(fmt.Sprintf("settings: %v", err))
		}
		settings = load(string(data))
	})
	return settings
}

// handle serves one request, turning a panic into an error reply.
func handle() (reply string) {
	defer func() {
		if r := recover(); r != nil {
			reply = fmt.Sprint("error: ", r)
		}
	}()
	return "greeting=" + current()["greeting"]
}

func main() {
	defer os.Remove(settingsPath)
	fmt.Println(handle())
	if err := os.WriteFile(settingsPath, []byte("greeting=hello\n"), 0o600); err != nil {
		fmt.Println(err)
		return
	}
	reply := handle()
	fmt.Println(reply)
	if reply != "greeting=hello" {
		fmt.Println("DEFECT: the settings stay unset after the first failed load")
	}
}
