/*
 * nfq-delay QUEUE DELAY_MS: holds every packet iptables sends to NFQUEUE number QUEUE for DELAY_MS
 * milliseconds, then lets it go, in arrival order. This kernel has no netem; the transfer tests use
 * this to add latency inside a network namespace (TEST-PEERS.md, "delay via NFQUEUE").
 * Build: gcc -O2 -o nfq-delay nfq-delay.c -lnetfilter_queue
 */
#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <linux/netfilter.h>
#include <libnetfilter_queue/libnetfilter_queue.h>

#define MAX_PENDING 65536

static uint32_t ids[MAX_PENDING];
static int64_t due[MAX_PENDING];
static unsigned head, tail;
static int64_t delay_ns;

static int64_t now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static int on_packet(struct nfq_q_handle *qh, struct nfgenmsg *msg, struct nfq_data *nfa, void *data) {
    struct nfqnl_msg_packet_hdr *ph = nfq_get_msg_packet_hdr(nfa);
    uint32_t id = ntohl(ph->packet_id);
    if (tail - head >= MAX_PENDING) {
        return nfq_set_verdict(qh, id, NF_ACCEPT, 0, NULL); /* full: no delay rather than a drop */
    }
    ids[tail % MAX_PENDING] = id;
    due[tail % MAX_PENDING] = now_ns() + delay_ns;
    tail++;
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: nfq-delay QUEUE DELAY_MS\n");
        return 2;
    }
    delay_ns = (int64_t) atoi(argv[2]) * 1000000;
    struct nfq_handle *h = nfq_open();
    if (!h || nfq_bind_pf(h, AF_INET) < 0) {
        perror("nfq_open");
        return 1;
    }
    struct nfq_q_handle *qh = nfq_create_queue(h, atoi(argv[1]), &on_packet, NULL);
    if (!qh || nfq_set_mode(qh, NFQNL_COPY_META, 0) < 0) {
        perror("nfq_create_queue");
        return 1;
    }
    nfq_set_queue_maxlen(qh, MAX_PENDING);
    int fd = nfq_fd(h);
    char buf[65536];
    fprintf(stderr, "nfq-delay: queue %s, %s ms\n", argv[1], argv[2]);
    fflush(stderr);
    for (;;) {
        int64_t wait_ns = head == tail ? 100000000 : due[head % MAX_PENDING] - now_ns();
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        int timeout_ms = wait_ns <= 0 ? 0 : (int) ((wait_ns + 999999) / 1000000);
        if (poll(&pfd, 1, timeout_ms) > 0) {
            int n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
            if (n >= 0) {
                nfq_handle_packet(h, buf, n);
            } else if (errno != EAGAIN && errno != ENOBUFS) {
                perror("recv");
                return 1;
            }
        }
        int64_t t = now_ns();
        while (head != tail && due[head % MAX_PENDING] <= t) {
            nfq_set_verdict(qh, ids[head % MAX_PENDING], NF_ACCEPT, 0, NULL);
            head++;
        }
    }
}
