package bench

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// The provider process is measured by a wrapper: dev_overrides points
// Terraform at a copy of the bench binary named terraform-provider-jp1, which
// starts the real provider as its own child, passes stdin, stdout and stderr
// through untouched (the go-plugin handshake goes straight to Terraform),
// waits for it and appends the child's rusage (wait4: user and system CPU,
// peak RSS) to a file. Terraform starts the provider more than once per
// command (schema, then the graph walk); each start adds one record.
const (
	providerBinaryName = "terraform-provider-jp1"
	envWrapTarget      = "JP1BENCH_PROVIDER"
	envWrapRecords     = "JP1BENCH_RUSAGE_FILE"
	envProfileDir      = "JP1BENCH_PROFILE_DIR"
	// envProviderEnv holds extra KEY=VALUE lines for the provider process
	// only (jp1bench -provider-env), for experiments such as log levels.
	envProviderEnv = "JP1BENCH_PROVIDER_ENV"
)

// procRecord is what the wrapper learned about one provider process.
type procRecord struct {
	PID       int   `json:"pid"`
	UserUS    int64 `json:"userUs"`    // provider user CPU, microseconds
	SysUS     int64 `json:"sysUs"`     // provider system CPU, microseconds
	MaxRSSKiB int64 `json:"maxRssKiB"` // provider peak RSS (ru_maxrss)
	// The wrapper's own CPU, which Terraform's rusage includes and the
	// figures leave out.
	SelfUserUS int64 `json:"selfUserUs"`
	SelfSysUS  int64 `json:"selfSysUs"`
	WallUS     int64 `json:"wallUs"`
	Exit       int   `json:"exit"`
}

// MaybeRunAsProviderWrapper runs the provider wrapper and reports true when
// this process was started as one (by Terraform, through dev_overrides); the
// caller then exits with code.
func MaybeRunAsProviderWrapper() (code int, wrapped bool) {
	target := os.Getenv(envWrapTarget)
	if target == "" || filepath.Base(os.Args[0]) != providerBinaryName {
		return 0, false
	}
	code, err := runWrapper(target, os.Getenv(envWrapRecords), os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "jp1bench provider wrapper:", err)
	}
	return code, true
}

func runWrapper(target, recordFile string, args []string) (int, error) {
	start := time.Now()
	cmd := exec.Command(target, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if extra := os.Getenv(envProviderEnv); extra != "" {
		cmd.Env = append(os.Environ(), strings.Split(extra, "\n")...)
	}
	// Terraform may signal the plugin (Ctrl-C reaches the process group);
	// pass signals on and let the provider decide.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	if err := cmd.Start(); err != nil {
		return 1, err
	}
	go func() {
		for s := range sigs {
			_ = cmd.Process.Signal(s)
		}
	}()
	waitErr := cmd.Wait()
	code := 0
	var exitErr *exec.ExitError
	switch {
	case errors.As(waitErr, &exitErr):
		code = exitErr.ExitCode()
	case waitErr != nil:
		return 1, waitErr
	}
	if recordFile == "" {
		return code, nil
	}
	rec := procRecord{PID: cmd.Process.Pid, WallUS: time.Since(start).Microseconds(), Exit: code}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		rec.UserUS, rec.SysUS, rec.MaxRSSKiB = tvUS(ru.Utime), tvUS(ru.Stime), ru.Maxrss
	}
	var self syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &self) == nil {
		rec.SelfUserUS, rec.SelfSysUS = tvUS(self.Utime), tvUS(self.Stime)
	}
	return code, appendRecord(recordFile, rec)
}

func tvUS(tv syscall.Timeval) int64 { return tv.Sec*1e6 + tv.Usec }

// appendRecord adds one JSON line; O_APPEND keeps concurrent writers' lines whole.
func appendRecord(path string, rec procRecord) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(append(b, '\n')); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// readRecords reads the records of one terraform command (none when the
// command started no provider).
func readRecords(path string) ([]procRecord, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []procRecord
	for line := range bytes.Lines(data) {
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		var r procRecord
		if err := json.Unmarshal(line, &r); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		out = append(out, r)
	}
	return out, nil
}
