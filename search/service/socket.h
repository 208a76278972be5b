#pragma once
// What the HTTP front (http_front.h) needs of a socket beyond the system
// calls: waiting for readiness with a time limit, and the address of either
// end. Stateless functions; safe from any thread.

#include <chrono>
#include <string>

namespace vetrina::search {

// `left` as a poll() timeout: whole milliseconds, clamped to [0, 60 s].
int to_poll_ms(std::chrono::steady_clock::duration left);

// Waits until `fd` has one of `events` (POLLIN, POLLOUT...) or `left` passed;
// returns the revents (0 on timeout). Interrupted waits are resumed.
short wait_for(int fd, short events, std::chrono::steady_clock::duration left);

// The address and port of the peer (`peer`) or of the local end of `fd`;
// `ip` and `port` are left as they are when the socket has no address.
void address_of(int fd, bool peer, std::string& ip, int& port);

}  // namespace vetrina::search
