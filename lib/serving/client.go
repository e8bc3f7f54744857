package serving

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
)

// fetch sends GET url and parses the answer as a decimal number.
func fetch(ctx context.Context, c *http.Client, url string) (uint64, error) {
	body, err := getBody(ctx, c, url)
	if err != nil {
		return 0, err
	}
	v, err := strconv.ParseUint(body, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("serving: %s answered %q, not a number", url, body)
	}
	return v, nil
}

func getBody(ctx context.Context, c *http.Client, url string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", fmt.Errorf("serving: %w", err)
	}
	resp, err := c.Do(req)
	if err != nil {
		return "", fmt.Errorf("serving: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", fmt.Errorf("serving: reading the answer of %s: %w", url, err)
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("serving: %s answered %s", url, resp.Status)
	}
	return string(body), nil
}
