package mgmtapi

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/hooks2actions/hooks2actions/internal/inputfile"
)

// maxCredentialsFile is far more than four variables need; a bigger file
// is the wrong file.
const maxCredentialsFile = 64 << 10

// LoadCredentialsFile reads KEY=VALUE lines into c: AUTH0_DOMAIN,
// AUTH0_CLIENT_ID, AUTH0_CLIENT_SECRET and AUTH0_TOKEN, each replacing the
// field it names. Blank lines and lines starting with # are skipped; an
// "export " prefix and quotes around the value are allowed, as in a shell
// or dotenv file. Errors name the file and line, never a value, and wrap
// ErrConfig.
func LoadCredentialsFile(path string, c *Config) error {
	data, err := readCredentialsFile(path)
	if err != nil {
		return err
	}
	fields := map[string]*string{
		EnvDomain:       &c.Domain,
		EnvClientID:     &c.ClientID,
		EnvClientSecret: &c.ClientSecret,
		EnvToken:        &c.Token,
	}
	set := make(map[string]int)
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		key, value, ok, err := parseCredentialLine(sc.Text())
		if err != nil {
			return configError("%s:%d: %v", path, n, err)
		}
		if !ok {
			continue
		}
		field, known := fields[key]
		if !known {
			// The key is not echoed: a value pasted on the wrong side of
			// the = would land in the message.
			return configError("%s:%d: unknown key (want %s, %s, %s or %s)", path, n, EnvDomain, EnvClientID, EnvClientSecret, EnvToken)
		}
		if first, dup := set[key]; dup {
			return configError("%s:%d: %s is already set on line %d", path, n, key, first)
		}
		set[key] = n
		*field = value
	}
	if err := sc.Err(); err != nil {
		return configError("reading %s: %v", path, err)
	}
	return nil
}

func readCredentialsFile(path string) ([]byte, error) {
	data, err := inputfile.Read(path, maxCredentialsFile)
	if errors.Is(err, inputfile.ErrTooLarge) {
		return nil, configError("%s is larger than %d bytes: is it the credentials file?", path, maxCredentialsFile)
	}
	if err != nil {
		return nil, configError("reading the credentials file %s: %v", path, inputfile.Bare(err))
	}
	return data, nil
}

// parseCredentialLine splits one line; ok is false for blank and comment
// lines.
func parseCredentialLine(line string) (key, value string, ok bool, err error) {
	line = strings.TrimSpace(line)
	if line == "" || strings.HasPrefix(line, "#") {
		return "", "", false, nil
	}
	line = strings.TrimPrefix(line, "export ")
	key, value, found := strings.Cut(line, "=")
	if !found {
		return "", "", false, fmt.Errorf("expected KEY=VALUE")
	}
	key, value = strings.TrimSpace(key), strings.TrimSpace(value)
	if value, err = unquote(value); err != nil {
		return "", "", false, err
	}
	return key, value, true, nil
}

// unquote removes one pair of matching quotes. No escapes: secrets are
// plain tokens.
func unquote(v string) (string, error) {
	if v == "" || (v[0] != '"' && v[0] != '\'') {
		return v, nil
	}
	if len(v) < 2 || v[len(v)-1] != v[0] {
		return "", fmt.Errorf("unterminated %c quote", v[0])
	}
	return v[1 : len(v)-1], nil
}
