package mgmtapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
)

// fetchToken sets c.token: Config.Token as is, or a client-credentials
// token. One token serves the whole run, since Management API tokens last
// hours and Config.Deadline bounds a run to minutes.
func (c *client) fetchToken(ctx context.Context) error {
	if c.cfg.Token != "" {
		c.token = c.cfg.Token
		return nil
	}
	cc := clientcredentials.Config{
		ClientID:       c.cfg.ClientID,
		ClientSecret:   c.cfg.ClientSecret,
		TokenURL:       c.ep.token,
		EndpointParams: url.Values{"audience": {c.ep.audience}},
		// Form fields, as Auth0 documents; auto-detection would first try
		// Basic auth and spend a failed request.
		AuthStyle: oauth2.AuthStyleInParams,
	}
	tokenURL, _ := url.Parse(c.ep.token)
	shown := tokenURL.RequestURI()
	return c.do(ctx, http.MethodPost, shown, false, func(actx context.Context) outcome {
		tok, err := cc.Token(context.WithValue(actx, oauth2.HTTPClient, c.http))
		if err != nil {
			return c.tokenOutcome(ctx, actx, shown, err)
		}
		c.token = tok.AccessToken
		c.redact.add(tok.AccessToken)
		// The scopes granted, space-separated, which Client checks.
		c.grantedScope, _ = tok.Extra("scope").(string)
		return outcome{status: http.StatusOK}
	})
}

// tokenOutcome classifies a failed token request. It never passes on the
// oauth2 error's text, which can hold the response body.
func (c *client) tokenOutcome(ctx, actx context.Context, shown string, err error) outcome {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) && re.Response != nil {
		status := re.Response.StatusCode
		e := &APIError{
			Method: http.MethodPost, Path: shown, StatusCode: status,
			Message: clip(re.ErrorDescription), ErrorCode: clip(re.ErrorCode),
		}
		switch status {
		case http.StatusUnauthorized:
			e.kind = ErrUnauthorized
			e.explain = fmt.Sprintf("the client credentials were rejected (401): check %s and %s", EnvClientID, EnvClientSecret)
		case http.StatusForbidden:
			e.kind = ErrForbidden
			e.explain = "the application may not get Management API tokens (403): authorize it under APIs > Auth0 Management API > Machine to Machine Applications, with the read:hooks scope"
		}
		return outcome{status: status, header: re.Response.Header, err: e, retry: retryableStatus(status)}
	}
	var ue *url.Error
	if errors.As(err, &ue) || ctx.Err() != nil || actx.Err() != nil {
		return c.transportOutcome(ctx, actx, http.MethodPost, shown, err)
	}
	// A 2xx the library could not read: cut short, or without a token.
	return outcome{status: http.StatusOK, err: fmt.Errorf("POST %s: the token response is unreadable or has no access_token (truncated?)", shown), retry: true}
}
