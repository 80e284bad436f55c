// The fix in the Go story: read each response Body to EOF, then close it. The Node
// equivalent is the lesson's solution/client.js (res.resume()).
package main

import (
	"fmt"
	"io"
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
		if err := get(client, fmt.Sprintf("%s/records/%d", base, i)); err != nil {
			log.Fatalf("record %d: %v", i, err)
		}
	}
	fmt.Println("300 records done")
	// The idle connection goes when the process exits, like agent.destroy() in Node.
	time.Sleep(1500 * time.Millisecond)
}

func get(client *http.Client, url string) error {
	resp, err := client.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	// Reading to EOF is what hands the connection back to the Transport's idle pool,
	// so the next request reuses it: one connection for all 300.
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s", resp.Status)
	}
	return nil
}
