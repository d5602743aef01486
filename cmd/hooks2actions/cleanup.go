package main

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// pending holds what an interrupted run must undo: the temporary files
// and directories being written, a directory moved aside while its
// replacement takes its place. On SIGINT or SIGTERM the handler runs
// them and exits, so that an interrupted run leaves no .tmp debris and
// no output half-replaced.
var pending = &undoList{undo: map[int]func(){}}

type undoList struct {
	mu   sync.Mutex
	next int
	undo map[int]func()
}

// do runs act, which makes something that undo reverts, and registers
// undo in the same critical section: the signal handler sees either
// neither or both. It returns the id to give to done.
func (l *undoList) do(act func() error, undo func()) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := act(); err != nil {
		return 0, err
	}
	l.next++
	l.undo[l.next] = undo
	return l.next, nil
}

// done forgets an undo: what it reverts is finished or already removed.
func (l *undoList) done(id int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.undo, id)
}

// undoAll runs every pending undo, newest first, and keeps the lock: the
// process is about to exit, and no new temporary file may appear
// meanwhile.
func (l *undoList) undoAll() {
	l.mu.Lock()
	for id := l.next; id > 0; id-- {
		if undo, ok := l.undo[id]; ok {
			undo()
		}
	}
}

// handleSignals makes SIGINT and SIGTERM undo what is pending and exit
// with 128 plus the signal's number (130, 143), as a shell reports it.
// stop restores the default behaviour.
func handleSignals(exit func(int)) (stop func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	quit := make(chan struct{})
	go func() {
		select {
		case sig := <-ch:
			pending.undoAll()
			exit(128 + int(sig.(syscall.Signal)))
		case <-quit:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(quit)
	}
}
