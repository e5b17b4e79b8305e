// Command clara-ferretdb serves MongoDB's wire protocol on loopback, backed by FerretDB's SQLite
// handler: clara-monitor's embedded store when no mongod is available, and the tests' database.
// clara-monitor builds it into a user cache (server/embedded/ferretdb-build.ts) and runs it as a
// child process; it prints "listening <uri>" once clients can connect.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	addr := flag.String("listen", "127.0.0.1:0", "TCP address to listen on (port 0: any free port)")
	dir := flag.String("dir", "", "SQLite directory, created when missing (default: a temporary directory removed at exit)")
	parent := flag.Int("parent", 0, "exit as soon as this process is no longer our parent (0: do not watch)")
	flag.Parse()

	dataDir, cleanup, err := sqliteDir(*dir)
	if err != nil {
		log.Fatal(err)
	}
	defer cleanup()

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *addr},
		Handler:   "sqlite",
		SQLiteURL: (&url.URL{Scheme: "file", Path: dataDir + "/"}).String(),
		// Per-connection info lines would only fill the parent's pipe.
		Logger: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})),
	})
	if err != nil {
		log.Fatal(err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *parent != 0 {
		go exitWithParent(*parent, stop)
	}

	// MongoDBURI waits until Run has bound the listener (the port may be 0).
	go func() { fmt.Printf("listening %s\n", f.MongoDBURI()) }()
	if err := f.Run(ctx); err != nil && ctx.Err() == nil {
		log.Fatal(err)
	}
}

// sqliteDir returns the absolute data directory and what to do at exit.
func sqliteDir(dir string) (string, func(), error) {
	if dir == "" {
		tmp, err := os.MkdirTemp("", "clara-ferretdb-")
		return tmp, func() { os.RemoveAll(tmp) }, err
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", nil, err
	}
	return abs, func() {}, os.MkdirAll(abs, 0o700)
}

// exitWithParent stops the server when the parent dies, however it dies (kill -9 included): the
// orphan is then re-parented, so getppid changes. Closing through ctx lets SQLite finish cleanly.
func exitWithParent(pid int, stop context.CancelFunc) {
	for os.Getppid() == pid {
		time.Sleep(200 * time.Millisecond)
	}
	stop()
}
