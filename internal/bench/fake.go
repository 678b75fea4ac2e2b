package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jp1-terraform/terraform-provider-jp1/internal/fakejp1"
)

// fakeProc is one standalone fake JP1 process on loopback.
type fakeProc struct {
	cmd    *exec.Cmd
	url    string
	done   chan struct{} // closed when the process has exited
	client *http.Client
}

// fakeStats mirrors fakejp1.Stats, read from GET /_fake/stats.
type fakeStats struct {
	TotalRequests  int `json:"totalRequests"`
	ProxyOverlaps  int `json:"proxyOverlaps"`
	LockErrors     int `json:"lockErrors"`
	FaultsInjected int `json:"faultsInjected"`
	Logins         int `json:"logins"`
}

// startFake runs the fakejp1 binary on a free loopback port and waits for
// its "listening" line.
func startFake(ctx context.Context, bin string, latency, processing time.Duration, logFile string) (*fakeProc, error) {
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0",
		"-latency", latency.String(), "-proxy-processing", processing.String(),
		"-im-basic") // the bench seeds IM state with Basic requests
	log, err := os.Create(logFile)
	if err != nil {
		return nil, err
	}
	cmd.Stderr = log
	out, err := cmd.StdoutPipe()
	if err != nil {
		_ = log.Close()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		_ = log.Close()
		return nil, err
	}
	f := &fakeProc{cmd: cmd, done: make(chan struct{}),
		client: &http.Client{Timeout: time.Minute, Transport: &http.Transport{MaxIdleConnsPerHost: 4}}}
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		if sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		_, _ = io.Copy(log, out)
	}()
	go func() {
		_ = cmd.Wait() // the exit status of a stopped fake is of no interest
		_ = log.Close()
		close(f.done)
	}()
	select {
	case line, ok := <-lines:
		u, found := strings.CutPrefix(line, "fakejp1 listening on ")
		if !ok || !found {
			f.stop()
			return nil, fmt.Errorf("fakejp1 did not start (first line %q); see %s", line, logFile)
		}
		f.url = strings.TrimSpace(u)
	case <-time.After(30 * time.Second):
		f.stop()
		return nil, errors.New("fakejp1 did not start within 30s")
	case <-ctx.Done():
		f.stop()
		return nil, ctx.Err()
	}
	return f, nil
}

func (f *fakeProc) stop() {
	f.client.CloseIdleConnections()
	_ = f.cmd.Process.Signal(syscall.SIGTERM)
	timer := time.NewTimer(5 * time.Second)
	defer timer.Stop()
	for {
		select {
		case <-f.done:
			return
		case <-timer.C:
			_ = f.cmd.Process.Kill()
		}
	}
}

// cpu returns the user+system CPU the fake has used so far, from
// /proc/<pid>/stat (clock ticks of 10 ms).
func (f *fakeProc) cpu() (time.Duration, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", f.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	// Fields after the parenthesised command name; utime and stime are
	// fields 14 and 15 of the whole line.
	i := bytes.LastIndexByte(data, ')')
	if i < 0 {
		return 0, errors.New("unexpected /proc/pid/stat")
	}
	fields := strings.Fields(string(data[i+1:]))
	if len(fields) < 13 {
		return 0, errors.New("unexpected /proc/pid/stat")
	}
	ut, err1 := strconv.ParseInt(fields[11], 10, 64)
	st, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, err
	}
	const userHZ = 100 // USER_HZ, fixed at 100 for /proc on Linux
	return time.Duration(ut+st) * time.Second / userHZ, nil
}

func (f *fakeProc) resetCounts(ctx context.Context) error {
	return f.call(ctx, http.MethodPost, "/_fake/reset-counts", nil, nil, "")
}

// counts returns the per-endpoint request counts and the server-wide
// counters since the last reset.
func (f *fakeProc) counts(ctx context.Context) (map[string]int, fakeStats, error) {
	var c map[string]int
	var s fakeStats
	if err := f.call(ctx, http.MethodGet, "/_fake/counts", nil, &c, ""); err != nil {
		return nil, s, err
	}
	err := f.call(ctx, http.MethodGet, "/_fake/stats", nil, &s, "")
	return c, s, err
}

// call sends one request; auth is "im", "oa" or "" (control endpoints).
func (f *fakeProc) call(ctx context.Context, method, path string, body, out any, auth string) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, f.url+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	switch auth {
	case "im":
		req.SetBasicAuth(fakejp1.IMAdminUser, fakejp1.IMAdminPassword)
	case "oa":
		req.SetBasicAuth(fakejp1.AnalyticsAdminUser, fakejp1.AnalyticsAdminPassword)
	}
	resp, err := f.client.Do(req)
	if err != nil {
		return err
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, bytes.TrimSpace(data))
	}
	if out != nil && len(bytes.TrimSpace(data)) > 0 {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("%s %s: %w", method, path, err)
		}
	}
	return nil
}

// driftPort is the port number the out-of-band change sets on a credential.
const driftPort = 2022

// drift changes every tenth object of each type through the fake's API, as
// another administrator would: IM client IDs are deleted (JP1 shows nothing
// else of them), proxy users are removed (their password cannot be read
// back), credentials get another port number. It returns how many objects of
// each type it changed.
func (f *fakeProc) drift(ctx context.Context, w workload) (int, error) {
	var ids []string
	for i := range w.n {
		if i%10 == 0 {
			ids = append(ids, w.clientID(i))
		}
	}
	if err := f.call(ctx, http.MethodPost, "/im/api/v1/secret/client/deleteInfo",
		map[string][]string{"clientIds": ids}, nil, "im"); err != nil {
		return 0, err
	}
	for i := 0; i < w.n; i += 10 {
		if err := f.call(ctx, http.MethodPost, "/im/api/v1/proxyUsers",
			map[string]string{"op": "rm", "id": w.proxyUserID(i)}, nil, "im"); err != nil {
			return 0, err
		}
	}
	byName, err := f.credentialIDs(ctx)
	if err != nil {
		return 0, err
	}
	for i := 0; i < w.n; i += 10 {
		name := w.credentialName(i)
		id, ok := byName[name]
		if !ok {
			return 0, fmt.Errorf("credential %q is not in the fake", name)
		}
		body := map[string]any{"name": name, "credentialType": "SSH", "userId": credentialUser, "portNumber": driftPort}
		if err := f.call(ctx, http.MethodPut, fmt.Sprintf("/Analytics/v1/objects/Credentials/%d", id), body, nil, "oa"); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

// undrift puts back what drift changed, through the same API, so that the
// destroy that follows deletes every resource, as the floor's does.
func (f *fakeProc) undrift(ctx context.Context, w workload) error {
	byName, err := f.credentialIDs(ctx)
	if err != nil {
		return err
	}
	for i := 0; i < w.n; i += 10 {
		if err := f.call(ctx, http.MethodPost, "/im/api/v1/secret/client/generateInfo",
			map[string]string{"clientId": w.clientID(i)}, nil, "im"); err != nil {
			return err
		}
		if err := f.call(ctx, http.MethodPost, "/im/api/v1/proxyUsers",
			map[string]string{"op": "add", "id": w.proxyUserID(i), "pw": w.proxyPassword(i)}, nil, "im"); err != nil {
			return err
		}
		name := w.credentialName(i)
		body := map[string]any{"name": name, "credentialType": "SSH", "userId": credentialUser, "portNumber": credentialPort}
		if err := f.call(ctx, http.MethodPut, fmt.Sprintf("/Analytics/v1/objects/Credentials/%d", byName[name]), body, nil, "oa"); err != nil {
			return err
		}
	}
	return nil
}

// credentialIDs lists the credentials, page by page: name -> instanceID.
func (f *fakeProc) credentialIDs(ctx context.Context) (map[string]int64, error) {
	out := map[string]int64{}
	for page := 1; ; page++ {
		var p struct {
			Data []struct {
				InstanceID int64  `json:"instanceID"`
				Name       string `json:"name"`
			} `json:"data"`
			Pagination *struct {
				NumPages int `json:"numPages"`
			} `json:"pagination"`
		}
		if err := f.call(ctx, http.MethodGet, fmt.Sprintf("/Analytics/v1/objects/Credentials?page=%d&pageSize=100", page), nil, &p, "oa"); err != nil {
			return nil, err
		}
		for _, c := range p.Data {
			out[c.Name] = c.InstanceID
		}
		if p.Pagination == nil || page >= p.Pagination.NumPages {
			return out, nil
		}
	}
}
