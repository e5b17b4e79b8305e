// Command mongo-server serves MongoDB's wire protocol on loopback for the tests,
// backed by FerretDB's SQLite handler in a directory that lives as long as the process.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	addr := flag.String("listen", "127.0.0.1:27018", "TCP address to listen on (loopback only)")
	dir := flag.String("dir", "", "SQLite directory (default: a new temporary directory, removed at exit)")
	flag.Parse()

	dataDir := *dir
	if dataDir == "" {
		tmp, err := os.MkdirTemp("", "clara-ferretdb-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(tmp)
		dataDir = tmp
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *addr},
		Handler:   "sqlite",
		SQLiteURL: "file:" + dataDir + "/",
	})
	if err != nil {
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	// The parent process waits for this line before connecting.
	fmt.Printf("listening %s\n", f.MongoDBURI())
	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		log.Fatal(err)
	}
}
