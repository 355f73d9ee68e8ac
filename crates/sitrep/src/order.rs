//! An order-keeping parallel map with bounded memory.
//!
//! Items come from one producer thread, are transformed by `threads` workers, and reach the sink
//! in input order. At most `window` items are in flight (read but not yet written), so a slow
//! document holds back the reader instead of letting finished work pile up without end.

use std::collections::BTreeMap;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;

/// What the sink tells the map after each item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Stop,
}

/// Maps `f` over `items` on `threads` workers and hands the results to `sink` in input order.
/// With one thread everything runs on the calling thread.
pub fn ordered_map<I, T, U, F, S>(items: I, threads: usize, f: F, mut sink: S)
where
    I: Iterator<Item = T> + Send,
    T: Send,
    U: Send,
    F: Fn(T) -> U + Sync,
    S: FnMut(U) -> Flow,
{
    if threads <= 1 {
        for item in items {
            if sink(f(item)) == Flow::Stop {
                return;
            }
        }
        return;
    }
    let window = threads * 8;
    thread::scope(|s| {
        let (task_tx, task_rx) = sync_channel::<(u64, T)>(threads * 2);
        let (done_tx, done_rx) = sync_channel::<(u64, U)>(threads * 2);
        let (token_tx, token_rx) = sync_channel::<()>(window);
        for _ in 0..window {
            let _ = token_tx.send(());
        }
        s.spawn(move || {
            for (i, item) in (0u64..).zip(items) {
                if token_rx.recv().is_err() || task_tx.send((i, item)).is_err() {
                    break;
                }
            }
        });
        let task_rx = Arc::new(Mutex::new(task_rx));
        for _ in 0..threads {
            let rx: Arc<Mutex<Receiver<(u64, T)>>> = Arc::clone(&task_rx);
            let tx = done_tx.clone();
            let f = &f;
            s.spawn(move || loop {
                let next = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                let Ok((i, item)) = next else { break };
                if tx.send((i, f(item))).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        let mut pending = BTreeMap::new();
        let mut next = 0u64;
        'write: for (i, out) in done_rx.iter() {
            pending.insert(i, out);
            while let Some(out) = pending.remove(&next) {
                next += 1;
                if sink(out) == Flow::Stop {
                    break 'write;
                }
                let _ = token_tx.send(());
            }
        }
        // Dropping the receivers and the token sender wakes every thread, which then ends.
        drop(done_rx);
        drop(token_tx);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_input_order_with_uneven_work() {
        for threads in [1, 2, 5] {
            let mut got = Vec::new();
            ordered_map(
                0..200u64,
                threads,
                |i| {
                    if i % 7 == 0 {
                        thread::sleep(std::time::Duration::from_millis(1));
                    }
                    i * 2
                },
                |x| {
                    got.push(x);
                    Flow::Continue
                },
            );
            assert_eq!(got, (0..200).map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn stops_early_without_hanging() {
        let mut seen = 0;
        ordered_map(
            0..100_000u64,
            3,
            |i| i,
            |_| {
                seen += 1;
                if seen == 10 {
                    Flow::Stop
                } else {
                    Flow::Continue
                }
            },
        );
        assert_eq!(seen, 10);
    }
}
