//! `isnad serve` against the open web (issue 13, point 1 and the connection bounds of
//! point 13): a real server on loopback, spoken to over raw TCP so that every header
//! (Host, Origin) is ours to forge.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};

use std::process::{Child, Command};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: SocketAddr,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let text = "قال مسؤول محلي إن نحو 400 شخص غادروا الرقة، وأضاف أن 12 شاحنة نقلت العائلات.";
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    let db = dir.path().join("d.db");
    let o = Command::new(env!("CARGO_BIN_EXE_isnad"))
        .args(["ingest", "a.txt", "--db"])
        .arg(&db)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let (child, addr) = common::serve(env!("CARGO_BIN_EXE_isnad"), &["--db", db.to_str().unwrap()]);
    Server { child, addr, _dir: dir }
}

/// Sends a raw request and returns (status, headers, body).
fn request(addr: SocketAddr, raw: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s.write_all(raw.as_bytes()).unwrap();
    let mut resp = Vec::new();
    let _ = s.read_to_end(&mut resp);
    let resp = String::from_utf8_lossy(&resp).into_owned();
    let status = resp.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let (head, body) = resp.split_once("\r\n\r\n").unwrap_or((&resp, ""));
    (status, head.to_ascii_lowercase(), body.to_string())
}

fn get(addr: SocketAddr, path: &str, host: &str) -> (u16, String, String) {
    request(addr, &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"))
}

fn post(addr: SocketAddr, host: &str, origin: Option<&str>) -> u16 {
    let body = r#"{"kind":"name","figure":"x","name":"y"}"#;
    let origin = origin.map(|o| format!("Origin: {o}\r\n")).unwrap_or_default();
    request(
        addr,
        &format!("POST /api/decisions HTTP/1.1\r\nHost: {host}\r\n{origin}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len()),
    )
    .0
}

#[test]
fn dns_rebinding_host_is_refused() {
    let s = start();
    let port = s.addr.port();
    let (st, _, body) = get(s.addr, "/api/documents/1", &format!("evil.example:{port}"));
    assert_eq!(st, 421, "{body}");
    assert!(!body.contains("الرقة"), "no document text for a foreign Host");
    for host in [format!("127.0.0.1:{port}"), format!("localhost:{port}")] {
        let (st, _, body) = get(s.addr, "/api/documents/1", &host);
        assert_eq!(st, 200, "{host}: {body}");
        assert!(body.contains("الرقة"));
    }
    // the right name on the wrong port is someone else's origin
    assert_eq!(get(s.addr, "/", &format!("localhost:{}", port.wrapping_add(1))).0, 421);
}

#[test]
fn state_changes_need_our_own_origin() {
    let s = start();
    let port = s.addr.port();
    let ours = format!("127.0.0.1:{port}");
    let evil = format!("evil.example:{port}");
    assert_eq!(post(s.addr, &evil, Some(&format!("http://{evil}"))), 421, "rebinding with matching Host and Origin");
    assert_eq!(post(s.addr, &ours, None), 403, "no Origin");
    assert_eq!(post(s.addr, &ours, Some(&format!("http://{evil}"))), 403, "foreign Origin");
    assert_eq!(post(s.addr, &ours, Some("null")), 403);
    let st = post(s.addr, &ours, Some(&format!("http://{ours}")));
    assert_ne!(st, 403, "our own page may post");
    assert_ne!(st, 421);
}

#[test]
fn security_headers_on_every_response() {
    let s = start();
    let host = format!("127.0.0.1:{}", s.addr.port());
    for path in ["/", "/documents", "/api/figures", "/no-such-page"] {
        let (_, head, _) = get(s.addr, path, &host);
        for h in [
            "content-security-policy: default-src 'none'",
            "frame-ancestors 'none'",
            "x-frame-options: deny",
            "x-content-type-options: nosniff",
            "referrer-policy: same-origin",
        ] {
            assert!(head.contains(h), "{path}: no {h} in\n{head}");
        }
    }
    let (_, head, _) = get(s.addr, "/", "evil.example");
    assert!(head.contains("x-frame-options: deny"), "refusals carry them too");
}

#[test]
fn incomplete_headers_are_timed_out_and_others_served() {
    let s = start();
    let host = format!("127.0.0.1:{}", s.addr.port());
    // Connections that start a request and never finish its headers.
    let mut stalled: Vec<TcpStream> = (0..200)
        .map(|_| {
            let mut c = TcpStream::connect(s.addr).unwrap();
            c.write_all(format!("GET / HTTP/1.1\r\nHost: {host}\r\nX-Slow: ").as_bytes()).unwrap();
            c
        })
        .collect();
    let t = Instant::now();
    let (st, _, _) = get(s.addr, "/api/figures", &host);
    assert_eq!(st, 200);
    assert!(t.elapsed() < Duration::from_secs(5), "a normal client waited {:?} behind stalled ones", t.elapsed());
    // The server gives up on them: each stalled connection is answered or closed.
    std::thread::sleep(Duration::from_secs(7));
    for c in &mut stalled {
        c.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let mut buf = [0u8; 256];
        match c.read(&mut buf) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {}
            Err(e) => panic!("a stalled connection is still open after the header timeout: {e}"),
        }
    }
}
