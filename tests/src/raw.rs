//! What a test needs below HTTP: bytes written straight to a TCP socket (bodies too large to
//! hold, requests left half-sent) and the test process's resident memory.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Writes `head`, then `chunk` `times` times, to `address` while reading the answer; returns
/// the status of the response, or the error that ended the connection first (a server may
/// answer and close before a huge body is written, and the reset can reach the reader first).
pub async fn send_tcp(
    address: &str,
    head: &[u8],
    chunk: &[u8],
    times: usize,
) -> std::io::Result<u16> {
    let stream = TcpStream::connect(address).await?;
    let (mut reader, mut writer) = stream.into_split();
    let (head, chunk) = (head.to_vec(), chunk.to_vec());
    let writing = tokio::spawn(async move {
        writer.write_all(&head).await?;
        for _ in 0..times {
            writer.write_all(&chunk).await?;
        }
        writer.flush().await
    });
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    while !answer.windows(2).any(|w| w == b"\r\n") {
        let read = reader.read(&mut buffer).await?;
        if read == 0 {
            break;
        }
        answer.extend_from_slice(&buffer[..read]);
    }
    writing.abort();
    let status_line = String::from_utf8_lossy(&answer);
    status_line
        .split_whitespace()
        .nth(1)
        .and_then(|status| status.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("no status line in {status_line:?}")))
}

/// Opens a connection to `address` and sends `partial`, leaving the request unfinished.
pub async fn half_sent(address: &str, partial: &[u8]) -> std::io::Result<TcpStream> {
    let mut stream = TcpStream::connect(address).await?;
    stream.write_all(partial).await?;
    Ok(stream)
}

/// The resident memory of this process now and at its peak, in MiB (`VmRSS`, `VmHWM`);
/// zeros where /proc is not there to read.
pub fn resident_mib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| {
                rest.trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .ok()
            })
            .map_or(0, |kib| kib / 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}
