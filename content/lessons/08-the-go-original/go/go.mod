// The Go clients of "The Go original", run against the lesson's Node server by
// test/content/go-original.test.ts. Standard library only: nothing to download.
module keepalivelab/go-original

go 1.19
