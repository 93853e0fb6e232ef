//! A PostgreSQL database of its own for one test, dropped when the test ends. The
//! server is the one `ISNAD_TEST_PG` names (`.ci/run` starts a throwaway one and sets
//! it). Without it a test says it is skipped, and fails under CI=true: there it must run.
//! Shared by the store's tests and the command line's (`#[path]`-included).
#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};

pub struct TempDb {
    /// The test's own database.
    pub url: String,
    admin: String,
    name: String,
}

/// The server's URL, or `None` (after saying why) when there is none outside CI.
pub fn server() -> Option<String> {
    match std::env::var("ISNAD_TEST_PG") {
        Ok(u) if !u.trim().is_empty() => Some(u),
        _ => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "ISNAD_TEST_PG is not set and CI=true: the PostgreSQL tests must run in CI (.ci/run starts one)"
                );
            }
            eprintln!("SKIP: ISNAD_TEST_PG is not set (a PostgreSQL URL; `. .ci/postgres.sh && pg_start` starts one)");
            None
        }
    }
}

/// `url` naming database `name` instead of its own.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let after_scheme = base.find("://").map_or(0, |i| i + 3);
    let root = match base[after_scheme..].find('/') {
        Some(i) => &base[..after_scheme + i],
        None => base,
    };
    format!("{root}/{name}{query}")
}

impl TempDb {
    pub fn new() -> Option<TempDb> {
        static N: AtomicUsize = AtomicUsize::new(0);
        let admin = server()?;
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
        let name = format!("isnad_test_{}_{}_{}", std::process::id(), nanos, N.fetch_add(1, Ordering::Relaxed));
        let mut c = postgres::Client::connect(&admin, postgres::NoTls)
            .unwrap_or_else(|e| panic!("ISNAD_TEST_PG={admin}: cannot connect: {e}"));
        c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
        Some(TempDb { url: with_database(&admin, &name), admin, name })
    }

    /// Runs SQL in the test's database (to tamper with it as a test needs).
    pub fn execute(&self, sql: &str) {
        let mut c = postgres::Client::connect(&self.url, postgres::NoTls).unwrap();
        c.batch_execute(sql).unwrap();
    }

    /// One number from the test's database.
    pub fn count(&self, sql: &str) -> i64 {
        self.try_count(sql).unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// One number, or why not (the tables may not be there yet).
    pub fn try_count(&self, sql: &str) -> Result<i64, postgres::Error> {
        let mut c = postgres::Client::connect(&self.url, postgres::NoTls)?;
        Ok(c.query_one(sql, &[])?.get(0))
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}
