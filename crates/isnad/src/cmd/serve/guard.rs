//! What stands between the open web and the ledger (see docs/security.md).
//!
//! * **Host allow-list.** A page on another site can make the browser of the analyst
//!   talk to `127.0.0.1:8080` under its own name (DNS rebinding: `evil.example`
//!   resolving to 127.0.0.1), and then read the answers as same-origin. Only Host
//!   headers naming this server are served: the loopback names, the bound address,
//!   IP literals (a rebinding needs a name), and names given with `--allow-host`, each
//!   with the bound port.
//! * **Origin on every state-changing request.** POST, PUT, PATCH and DELETE must carry
//!   `Origin` equal to `http://` + the request's own (allowed) Host; browsers send it
//!   with every form post and `fetch`, so a missing one is not a browser on our page.
//! * **Security headers** on every response: a content security policy that allows no
//!   script, no framing, no foreign form targets; `X-Frame-Options`, `nosniff`,
//!   `Referrer-Policy: same-origin` (no URL leaves for another site; `no-referrer` made Chromium send `Origin: null` on our own form posts), same-origin resource and opener policies.

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Guard {
    port: u16,
    bound: IpAddr,
    /// Host names allowed besides loopback and IP literals, lowercase.
    names: Vec<String>,
}

impl Guard {
    pub fn new(bound: SocketAddr, extra: &[String]) -> Guard {
        Guard {
            port: bound.port(),
            bound: bound.ip(),
            names: extra.iter().map(|n| n.trim().trim_end_matches('.').to_ascii_lowercase()).collect(),
        }
    }

    /// Whether a `Host` header names this server.
    pub fn host_allowed(&self, host: &str) -> bool {
        let Some((name, port)) = split_host(host) else { return false };
        if port != self.port {
            return false;
        }
        let name = name.trim_end_matches('.').to_ascii_lowercase();
        if name == "localhost" || name.ends_with(".localhost") || self.names.contains(&name) {
            return true;
        }
        match name.trim_start_matches('[').trim_end_matches(']').parse::<IpAddr>() {
            // On loopback only loopback addresses reach us anyway; bound to one
            // address, that one; bound to all, any address literal.
            Ok(ip) => ip.is_loopback() || ip == self.bound || self.bound.is_unspecified(),
            Err(_) => false,
        }
    }
}

/// `name:port` (or `[v6]:port`, or a name alone, port 80) from a Host header.
fn split_host(host: &str) -> Option<(&str, u16)> {
    let host = host.trim();
    if host.is_empty() || host.contains(['/', '@', ' ']) {
        return None;
    }
    if let Some(rest) = host.strip_prefix('[') {
        let (v6, after) = rest.split_once(']')?;
        let port = match after.strip_prefix(':') {
            Some(p) => p.parse().ok()?,
            None if after.is_empty() => 80,
            None => return None,
        };
        return Some((&host[..v6.len() + 2], port));
    }
    match host.rsplit_once(':') {
        Some((n, p)) if !n.contains(':') => Some((n, p.parse().ok()?)),
        Some(_) => None, // a bare IPv6 address without brackets is not a Host
        None => Some((host, 80)),
    }
}

fn refuse(status: StatusCode, why: &'static str) -> Response {
    (status, why).into_response()
}

const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

pub async fn guard(State(g): State<Arc<Guard>>, req: Request, next: Next) -> Response {
    let host = req.headers().get(header::HOST).and_then(|v| v.to_str().ok()).map(str::to_string);
    let Some(host) = host.filter(|h| g.host_allowed(h)) else {
        return with_headers(refuse(StatusCode::MISDIRECTED_REQUEST, "this server does not answer to that Host name"));
    };
    let changes = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if changes {
        let origin = req.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok());
        match origin {
            None => {
                return with_headers(refuse(
                    StatusCode::FORBIDDEN,
                    "a request that changes the ledger needs an Origin header",
                ))
            }
            Some(o) if !o.eq_ignore_ascii_case(&format!("http://{host}")) => {
                return with_headers(refuse(StatusCode::FORBIDDEN, "cross-origin requests are refused"));
            }
            Some(_) => {}
        }
    }
    with_headers(next.run(req).await)
}

fn with_headers(mut r: Response<Body>) -> Response<Body> {
    let h = r.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, k: &'static str, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    set(h, "content-security-policy", CSP);
    set(h, "x-frame-options", "DENY");
    set(h, "x-content-type-options", "nosniff");
    // same-origin, not no-referrer: with no-referrer Chromium sends `Origin: null` on a
    // form post, and the Origin check above would refuse the UI's own forms.
    set(h, "referrer-policy", "same-origin");
    set(h, "cross-origin-resource-policy", "same-origin");
    set(h, "cross-origin-opener-policy", "same-origin");
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names() {
        let g = Guard::new("127.0.0.1:8080".parse().unwrap(), &[]);
        for ok in
            ["127.0.0.1:8080", "localhost:8080", "LOCALHOST:8080", "[::1]:8080", "app.localhost:8080", "127.0.0.2:8080"]
        {
            assert!(g.host_allowed(ok), "{ok}");
        }
        for bad in [
            "evil.example:8080",
            "127.0.0.1:9090",
            "127.0.0.1",
            "localhost",
            "",
            "a@127.0.0.1:8080",
            "::1:8080",
            "10.0.0.5:8080",
            "localhost.evil.example:8080",
        ] {
            assert!(!g.host_allowed(bad), "{bad}");
        }
        let all = Guard::new("0.0.0.0:80".parse().unwrap(), &["Ledger.Lan".into()]);
        assert!(all.host_allowed("10.0.0.5") && all.host_allowed("ledger.lan") && !all.host_allowed("evil.example"));
    }
}
