package web_test

import (
	"os"
	"testing"
)

func TestDump(t *testing.T) {
	e := newEnv(t)
	for name, p := range map[string]string{"search": "/", "q": "/?q=suspended&country=Nepal", "bad": "/?q=%22abc", "adv": "/advanced", "help": "/help", "countries": "/countries", "kh": "/countries/kh", "x": "/nothing"} {
		resp, body := e.get(p)
		t.Logf("%s %d", p, resp.StatusCode)
		os.WriteFile("/tmp/dump-"+name+".html", []byte(body), 0o644)
	}
}
