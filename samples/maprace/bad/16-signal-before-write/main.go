// Sample: the worker signals done before its last write, so the caller reads while it writes.
//
// want MR1002 at 17:3
// race lines: 17 21
// runtime: DATA RACE
package main

import "fmt"

func main() {
	status := map[string]string{}
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		status["phase"] = "running"
		close(done)
		status["phase"] = "finished"
		close(finished)
	}()
	<-done
	fmt.Println(status["phase"] != "")
	<-finished
}
