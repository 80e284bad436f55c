// The Go story's client, closing each response Body without reading it. The Node
// equivalent is the lesson's variants/closed-unread/client.js (res.destroy()).
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
	// One shared client on http.DefaultTransport, as in never-closed.
	client := &http.Client{}

	for i := 1; i <= 300; i++ {
		resp, err := client.Get(fmt.Sprintf("%s/records/%d", base, i))
		if err != nil {
			log.Fatal(err)
		}
		// Closed, never read. The unread body is still on the connection, so (up to Go
		// 1.26) the Transport closes the connection instead of reusing it: nothing piles
		// up, but every request dials a new connection.
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			log.Fatalf("record %d: %s", i, resp.Status)
		}
	}
	fmt.Println("300 records done")
	time.Sleep(1500 * time.Millisecond)
}
