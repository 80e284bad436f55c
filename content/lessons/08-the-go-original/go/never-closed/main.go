// The Go story's client: one shared http.Client (Go's DefaultTransport), 300 sequential
// requests, and a response Body that is never read or closed. The Node equivalent is the
// lesson's files/client.js.
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"
	"time"
)

func main() {
	// The lab starts the server first and hands its port to the client in PORT.
	base := "http://127.0.0.1:" + os.Getenv("PORT")
	// One client for every request, as Go's documentation recommends; a nil Transport
	// means http.DefaultTransport (MaxIdleConnsPerHost 2, no MaxConnsPerHost limit).
	client := &http.Client{}

	for i := 1; i <= 300; i++ {
		resp, err := client.Get(fmt.Sprintf("%s/records/%d", base, i))
		if err != nil {
			log.Fatal(err)
		}
		// Only the status is used; Body is never read or closed. The Transport cannot
		// tell we are done, so this connection stays assigned to this response and the
		// next request dials a new one.
		if resp.StatusCode != http.StatusOK {
			log.Fatalf("record %d: %s", i, resp.Status)
		}
	}
	fmt.Println("300 records done")
	// Stay a moment, like the Node client, so the meter sees what is still open.
	// Exiting closes every socket.
	time.Sleep(1500 * time.Millisecond)
}
