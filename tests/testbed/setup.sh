#!/usr/bin/env bash
# Installs (apt-get) and starts the real-server test bed, without systemd:
# Postfix + Dovecot SASL, dnsmasq, an HTTP(S) autoconfig server, a test CA, and
# OP25B emulated by an nftables DROP rule, all inside the network namespace
# "msbed". Processes in that namespace see dnsmasq as their system resolver
# (ip netns bind-mounts /etc/netns/msbed/resolv.conf), so the engine is tested
# with its real, unmodified DNS path. Nothing leaves the namespace.
#
# It leaves the machine as it found it: Postfix runs as a private instance
# (postfix -c $BED/postfix, its own queue and data directories), Dovecot,
# dnsmasq, tinyproxy and the web servers from files in $BED. The system's own
# Postfix and Dovecot, and their configuration, are not touched. Outside $BED
# only /etc/netns/msbed and /etc/netns/msoff (the namespaces' resolv.conf).
#
# Usage: tests/testbed/setup.sh          (idempotent: restarts a running bed)
#        tests/testbed/setup.sh --down   (stops it and removes the namespaces)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BED=${MAILSETUP_BED_DIR:-/tmp/mailsetup-bed}
# The private Postfix instance: configuration, queue and data, all in $BED.
PF=$BED/postfix
PF_QUEUE=$BED/postfix-queue
PF_DATA=$BED/postfix-data
NS=msbed
OFFLINE_NS=msoff
PASSWORD=secret-pass
# Several users per domain, so that tests running in parallel never share a mailbox.
BED_USERS="taro hanako jiro saburo shiro"

log() { printf 'testbed: %s\n' "$*" >&2; }

[ "$(id -u)" = 0 ] || { log "must run as root (namespaces, Postfix)"; exit 1; }

install_packages() {
    local need=()
    command -v postfix >/dev/null || need+=(postfix)
    command -v dovecot >/dev/null || need+=(dovecot-core)
    [ -x /usr/lib/dovecot/imap ] || need+=(dovecot-imapd)
    [ -x /usr/lib/dovecot/pop3 ] || need+=(dovecot-pop3d)
    command -v dnsmasq >/dev/null || need+=(dnsmasq-base)
    command -v nft >/dev/null || need+=(nftables)
    command -v ip >/dev/null || need+=(iproute2)
    command -v openssl >/dev/null || need+=(openssl)
    command -v python3 >/dev/null || need+=(python3)
    # Building the wizard needs fontconfig's headers.
    pkg-config --exists fontconfig 2>/dev/null || need+=(pkg-config libfontconfig1-dev)
    # Real mail clients that send with our exported settings.
    command -v msmtp >/dev/null || need+=(msmtp)
    command -v neomutt >/dev/null || need+=(neomutt)
    [ -x /usr/lib/git-core/git-send-email ] || need+=(git git-email)
    perl -MAuthen::SASL -e1 2>/dev/null || need+=(libauthen-sasl-perl)
    perl -MIO::Socket::SSL -e1 2>/dev/null || need+=(libio-socket-ssl-perl)
    perl -MDigest::HMAC_MD5 -e1 2>/dev/null || need+=(libdigest-hmac-perl)
    # The office proxy the web lookups go through (tests/proxy.rs), and the
    # reference client the benchmark compares with (benches/detect.sh).
    command -v tinyproxy >/dev/null || need+=(tinyproxy)
    command -v swaks >/dev/null || need+=(swaks)
    [ ${#need[@]} -eq 0 ] && return
    log "installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Keep package scripts from starting services (there is no systemd here).
    local had_policy=0
    [ -e /usr/sbin/policy-rc.d ] && had_policy=1
    [ $had_policy = 1 ] || printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${need[@]}"
    [ $had_policy = 1 ] || rm -f /usr/sbin/policy-rc.d
}

stop_bed() {
    [ -f "$PF/main.cf" ] && ip netns exec $NS postfix -c "$PF" stop >/dev/null 2>&1 || true
    # A bed from before the private instance ran the system's Postfix with a
    # main.cf of ours (myhostname mx.bed.test): stop that instance, once.
    if grep -qs '^myhostname = mx.bed.test$' /etc/postfix/main.cf; then
        log "stopping the Postfix an older test bed started (its /etc/postfix/main.cf is the bed's)"
        ip netns exec $NS postfix stop >/dev/null 2>&1 || true
    fi
    for pidfile in "$BED"/run/*.pid; do
        [ -e "$pidfile" ] || continue
        kill "$(cat "$pidfile")" 2>/dev/null || true
    done
    pkill -f "dovecot -c $BED/dovecot.conf" 2>/dev/null || true
    pkill -f "tinyproxy -c $BED/tinyproxy.conf" 2>/dev/null || true
    sleep 0.3
    ip netns del $NS 2>/dev/null || true
    ip netns del $OFFLINE_NS 2>/dev/null || true
}

make_certs() {
    local c=$BED/certs
    mkdir -p "$c"
    cd "$c"
    local good_names="smtp.s587.test smtp.s465.test smtp.both.test smtp.cram.test smtp.op25b.test
        smtp.clear.test smtp.refused.test submit.provider-x.test mx-out.acprovider.test
        smtp.mxhoster.test smtp.slow.test smtp.blocked.test smtp.wrongpw.test
        autoconfig.ac.test smtp.imaps.test imap.imaps.test smtp.poponly.test pop.poponly.test
        smtp.instarttls.test imap.instarttls.test smtp.inrogue.test smtp.inwrong.test
        imap.inwrong.test imap.inonly.test smtp.drop465.test smtp.deadv6.test
        smtp.deadfirst.test smtp.dual.test autoconfig.proxied.test"
    ca() { # name subject
        openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$2" \
            -keyout "$1.key" -out "$1.pem" \
            -addext "basicConstraints=critical,CA:TRUE" \
            -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    }
    leaf() { # name ca names...
        local name=$1 cacert=$2; shift 2
        local san
        san=$(printf 'DNS:%s,' "$@"); san=${san%,}
        openssl req -newkey rsa:2048 -nodes -subj "/CN=$1" -keyout "$name.key" \
            -out "$name.csr" 2>/dev/null
        printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=%s\n' "$san" > "$name.ext"
        openssl x509 -req -in "$name.csr" -CA "$cacert.pem" -CAkey "$cacert.key" \
            -CAcreateserial -days 825 -extfile "$name.ext" -out "$name.crt" 2>/dev/null
        cat "$name.key" "$name.crt" "$cacert.pem" > "$name.chain.pem"
    }
    ca ca "mailsetup test CA"
    ca rogue-ca "Rogue CA nobody trusts"
    # shellcheck disable=SC2086
    leaf good ca $good_names
    leaf hoster ca mail.hoster.test
    leaf rogue rogue-ca smtp.untrusted.test imap.inrogue.test
    chmod 644 ./*.pem ./*.crt
    cd - >/dev/null
}

write_dns() {
    mkdir -p /etc/netns/$NS
    echo "nameserver 127.0.0.1" > /etc/netns/$NS/resolv.conf
    cat > "$BED/dnsmasq.conf" <<CONF
no-resolv
no-hosts
no-poll
listen-address=127.0.0.1
bind-interfaces
port=53
# Answer authoritatively (NXDOMAIN) for these zones: nothing is forwarded anywhere.
local=/test/
local=/com/
local=/jp/
local=/net/
local=/org/
host-record=smtp.s587.test,127.0.10.1
host-record=smtp.s465.test,127.0.10.2
host-record=smtp.both.test,127.0.10.3
host-record=smtp.cram.test,127.0.10.4
host-record=smtp.op25b.test,127.0.10.5
host-record=smtp.clear.test,127.0.10.6
host-record=smtp.untrusted.test,127.0.10.7
host-record=smtp.refused.test,127.0.10.8
host-record=submit.provider-x.test,127.0.10.9
host-record=mx-out.acprovider.test,127.0.10.10
host-record=smtp.mxhoster.test,127.0.10.11
host-record=smtp.shared.test,127.0.10.12
host-record=mail.hoster.test,127.0.10.12
host-record=smtp.slow.test,127.0.10.13
host-record=smtp.blocked.test,127.0.10.14
host-record=smtp.wrongpw.test,127.0.10.15
host-record=autoconfig.ac.test,127.0.10.20
# Incoming (IMAP/POP3) scenarios; their outgoing server is the 587 one.
host-record=smtp.imaps.test,127.0.10.1
host-record=imap.imaps.test,127.0.10.30
host-record=smtp.poponly.test,127.0.10.1
host-record=pop.poponly.test,127.0.10.31
host-record=smtp.instarttls.test,127.0.10.1
host-record=imap.instarttls.test,127.0.10.32
host-record=smtp.inrogue.test,127.0.10.1
host-record=imap.inrogue.test,127.0.10.33
host-record=smtp.inwrong.test,127.0.10.15
host-record=imap.inwrong.test,127.0.10.34
host-record=imap.inonly.test,127.0.10.34
host-record=autoconfig.achttp.test,127.0.10.20
# Connections (tests/connections.rs): 465 and 25 dropped; a dead IPv6 address
# beside a working IPv4 one; two IPv4 addresses of which the first is dead;
# IPv6 and IPv4 both working.
host-record=smtp.drop465.test,127.0.10.16
host-record=smtp.deadv6.test,127.0.10.17,fd6d:7362::17
# dnsmasq answers these in reverse order: 127.0.10.18 (dead) first.
address=/smtp.deadfirst.test/127.0.10.19
address=/smtp.deadfirst.test/127.0.10.18
host-record=smtp.dual.test,127.0.10.21,fd6d:7362::21
# Reachable only through the office proxy (127.0.10.23:8888).
host-record=autoconfig.proxied.test,127.0.10.22
# Every user domain has an MX, as real mail domains do.
mx-host=s587.test,smtp.s587.test,10
mx-host=s465.test,smtp.s465.test,10
mx-host=both.test,smtp.both.test,10
mx-host=cram.test,smtp.cram.test,10
mx-host=op25b.test,smtp.op25b.test,10
mx-host=clear.test,smtp.clear.test,10
mx-host=untrusted.test,smtp.untrusted.test,10
mx-host=refused.test,smtp.refused.test,10
mx-host=srv.test,mx.srv.test,10
mx-host=ac.test,mx.ac.test,10
mx-host=achttp.test,mx.achttp.test,10
mx-host=mx.test,mx1.mxhoster.test,10
mx-host=shared.test,smtp.shared.test,10
mx-host=slow.test,smtp.slow.test,10
mx-host=blocked.test,smtp.blocked.test,10
mx-host=wrongpw.test,smtp.wrongpw.test,10
mx-host=imaps.test,smtp.imaps.test,10
mx-host=poponly.test,smtp.poponly.test,10
mx-host=instarttls.test,smtp.instarttls.test,10
mx-host=inrogue.test,smtp.inrogue.test,10
mx-host=inwrong.test,smtp.inwrong.test,10
mx-host=inonly.test,mx.inonly.test,10
mx-host=drop465.test,smtp.drop465.test,10
mx-host=deadv6.test,smtp.deadv6.test,10
mx-host=deadfirst.test,smtp.deadfirst.test,10
mx-host=dual.test,smtp.dual.test,10
mx-host=proxied.test,mx.proxied.test,10
srv-host=_submission._tcp.srv.test,submit.provider-x.test,587,0,1
CONF
}

write_postfix() {
    local pf=$PF
    mkdir -p $pf/msbed "$BED/mail" "$BED/log" "$PF_QUEUE" "$PF_DATA"
    chown postfix "$PF_DATA"
    chown 65534:65534 "$BED/mail"
    local domains="s587.test s465.test both.test cram.test op25b.test clear.test untrusted.test
        refused.test srv.test ac.test achttp.test mx.test shared.test slow.test blocked.test wrongpw.test
        imaps.test poponly.test instarttls.test inrogue.test inwrong.test inonly.test
        drop465.test deadv6.test deadfirst.test dual.test proxied.test"
    # One mailbox per test account (regexp substitution is not allowed here).
    : > $pf/msbed/vmailbox
    for d in $domains; do
        for u in $BED_USERS; do
            echo "$u@$d $d/$u/" >> $pf/msbed/vmailbox
        done
    done
    echo "taro.@s587.test s587.test/taro./" >> $pf/msbed/vmailbox
    cat > $pf/main.cf <<CONF
# The test bed's private Postfix (postfix -c $pf): not the system's.
config_directory = $pf
queue_directory = $PF_QUEUE
data_directory = $PF_DATA
compatibility_level = 3.6
myhostname = mx.bed.test
mydomain = bed.test
myorigin = \$myhostname
mydestination =
inet_protocols = all
inet_interfaces = loopback-only
mynetworks =
relayhost =
smtputf8_enable = no
biff = no
maillog_file_prefixes = /var, /dev/stdout, $BED
maillog_file = $BED/log/postfix.log
virtual_mailbox_domains = $(echo $domains)
virtual_mailbox_base = $BED/mail
virtual_mailbox_maps = texthash:$pf/msbed/vmailbox
alias_maps =
alias_database =
virtual_uid_maps = static:65534
virtual_gid_maps = static:65534
virtual_minimum_uid = 100
smtpd_tls_chain_files = $BED/certs/good.chain.pem
smtpd_tls_security_level = may
smtpd_tls_auth_only = yes
smtpd_sasl_type = dovecot
smtpd_sasl_path = private/auth
smtpd_sasl_auth_enable = no
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtpd_client_restrictions =
CONF
    local sub="-o smtpd_sasl_auth_enable=yes -o smtpd_tls_security_level=encrypt -o smtpd_client_restrictions=permit_sasl_authenticated,reject"
    local tls465="-o smtpd_sasl_auth_enable=yes -o smtpd_tls_wrappermode=yes -o smtpd_client_restrictions=permit_sasl_authenticated,reject"
    cat > $pf/master.cf <<CONF
# service   type  private unpriv chroot wakeup maxproc command
pickup      unix  n       -      n      60     1       pickup
cleanup     unix  n       -      n      -      0       cleanup
qmgr        unix  n       -      n      300    1       qmgr
tlsmgr      unix  -       -      n      1000?  1       tlsmgr
rewrite     unix  -       -      n      -      -       trivial-rewrite
bounce      unix  -       -      n      -      0       bounce
defer       unix  -       -      n      -      0       bounce
trace       unix  -       -      n      -      0       bounce
verify      unix  -       -      n      -      1       verify
flush       unix  n       -      n      1000?  0       flush
proxymap    unix  -       -      n      -      -       proxymap
proxywrite  unix  -       -      n      -      1       proxymap
smtp        unix  -       -      n      -      -       smtp
relay       unix  -       -      n      -      -       smtp
showq       unix  n       -      n      -      -       showq
error       unix  -       -      n      -      -       error
retry       unix  -       -      n      -      -       error
discard     unix  -       -      n      -      -       discard
local       unix  -       n      n      -      -       local
virtual     unix  -       n      n      -      -       virtual
lmtp        unix  -       -      n      -      -       lmtp
anvil       unix  -       -      n      -      1       anvil
scache      unix  -       -      n      -      1       scache
postlog     unix-dgram n  -      n      -      1       postlogd
127.0.10.1:587  inet n - n - - smtpd -o syslog_name=postfix/s587 $sub
127.0.10.1:25   inet n - n - - smtpd -o syslog_name=postfix/s587-25
127.0.10.2:465  inet n - n - - smtpd -o syslog_name=postfix/s465 $tls465
127.0.10.3:465  inet n - n - - smtpd -o syslog_name=postfix/both465 $tls465
127.0.10.3:587  inet n - n - - smtpd -o syslog_name=postfix/both587 $sub
127.0.10.4:587  inet n - n - - smtpd -o syslog_name=postfix/cram $sub -o smtpd_sasl_mechanism_filter=cram-md5
127.0.10.5:587  inet n - n - - smtpd -o syslog_name=postfix/op25b $sub
127.0.10.5:25   inet n - n - - smtpd -o syslog_name=postfix/op25b-25
127.0.10.6:587  inet n - n - - smtpd -o syslog_name=postfix/clear -o smtpd_tls_security_level=none -o smtpd_tls_auth_only=no -o smtpd_sasl_auth_enable=yes -o smtpd_client_restrictions=permit_sasl_authenticated,reject
127.0.10.7:465  inet n - n - - smtpd -o syslog_name=postfix/untrusted $tls465 -o smtpd_tls_chain_files=$BED/certs/rogue.chain.pem
127.0.10.7:587  inet n - n - - smtpd -o syslog_name=postfix/untrusted $sub -o smtpd_tls_chain_files=$BED/certs/rogue.chain.pem
127.0.10.8:587  inet n - n - - smtpd -o syslog_name=postfix/refused $sub -o smtpd_recipient_restrictions=reject
127.0.10.9:587  inet n - n - - smtpd -o syslog_name=postfix/srv $sub
127.0.10.10:587 inet n - n - - smtpd -o syslog_name=postfix/acprov $sub
127.0.10.11:587 inet n - n - - smtpd -o syslog_name=postfix/mxhost $sub
127.0.10.12:465 inet n - n - - smtpd -o syslog_name=postfix/shared $tls465 -o smtpd_tls_chain_files=$BED/certs/hoster.chain.pem
127.0.10.12:587 inet n - n - - smtpd -o syslog_name=postfix/shared $sub -o smtpd_tls_chain_files=$BED/certs/hoster.chain.pem
127.0.10.14:587 inet n - n - - smtpd -o syslog_name=postfix/blocked $sub
127.0.10.15:587 inet n - n - - smtpd -o syslog_name=postfix/wrongpw $sub
127.0.10.16:587 inet n - n - - smtpd -o syslog_name=postfix/drop465 $sub
127.0.10.17:587 inet n - n - - smtpd -o syslog_name=postfix/deadv6 $sub
127.0.10.19:587 inet n - n - - smtpd -o syslog_name=postfix/deadfirst $sub
127.0.10.21:587 inet n - n - - smtpd -o syslog_name=postfix/dual4 $sub
[fd6d:7362::21]:587 inet n - n - - smtpd -o syslog_name=postfix/dual6 $sub
CONF
}

write_dovecot() {
    : > "$BED/users"
    for d in s587 s465 both cram op25b clear untrusted refused srv ac achttp mx shared slow blocked wrongpw \
        imaps poponly instarttls inrogue inwrong inonly drop465 deadv6 deadfirst dual proxied; do
        for u in $BED_USERS; do
            echo "$u@$d.test:{PLAIN}$PASSWORD" >> "$BED/users"
        done
    done
    # A legacy Japanese mobile address (local part ends in a dot).
    echo "taro.@s587.test:{PLAIN}$PASSWORD" >> "$BED/users"
    chmod 640 "$BED/users"; chgrp dovecot "$BED/users"
    cat > "$BED/dovecot.conf" <<CONF
protocols = imap pop3
base_dir = $BED/run/dovecot
state_dir = $BED/run/dovecot-state
log_path = $BED/log/dovecot.log
auth_verbose = yes
auth_mechanisms = plain login cram-md5
ssl = yes
ssl_cert = <$BED/certs/good.crt
ssl_key = <$BED/certs/good.key
disable_plaintext_auth = yes
mail_location = maildir:$BED/mail/%d/%n
# One address per incoming scenario (tests/testbed/scenarios.txt).
service imap-login {
  inet_listener imap {
    address = 127.0.10.32, 127.0.10.33
    port = 143
  }
  inet_listener imaps {
    address = 127.0.10.30, 127.0.10.33, 127.0.10.34
    port = 993
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    address = 127.0.10.31
    port = 110
  }
  inet_listener pop3s {
    address = 127.0.10.31
    port = 995
    ssl = yes
  }
}
local 127.0.10.33 {
  ssl_cert = <$BED/certs/rogue.crt
  ssl_key = <$BED/certs/rogue.key
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $BED/users
}
userdb {
  driver = static
  args = uid=65534 gid=65534 home=$BED/home/%u
}
service auth {
  unix_listener $PF_QUEUE/private/auth {
    mode = 0660
    user = postfix
    group = postfix
  }
}
CONF
}

write_web() {
    local w=$BED/www
    mkdir -p "$w/autoconfig.ac.test/mail" "$w/autoconfig.achttp.test/mail" "$w/ispdb" \
        "$w/autoconfig.proxied.test/mail"
    xml() { # host port socketType
        cat <<XML
<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="$4">
    <domain>$4</domain>
    <displayName>Test provider for $4</displayName>
    <outgoingServer type="smtp">
      <hostname>$1</hostname>
      <port>$2</port>
      <socketType>$3</socketType>
      <authentication>password-cleartext</authentication>
      <username>%EMAILADDRESS%</username>
    </outgoingServer>
  </emailProvider>
</clientConfig>
XML
    }
    xml mx-out.acprovider.test 587 STARTTLS ac.test > "$w/autoconfig.ac.test/mail/config-v1.1.xml"
    xml mx-out.acprovider.test 587 STARTTLS achttp.test > "$w/autoconfig.achttp.test/mail/config-v1.1.xml"
    xml mx-out.acprovider.test 587 STARTTLS proxied.test > "$w/autoconfig.proxied.test/mail/config-v1.1.xml"
}

# A computer that is not connected at all: only loopback, no route anywhere,
# and a configured DNS server that cannot be reached (as after the cable is
# pulled or Wi-Fi drops). The offline test runs mailsetup in it.
start_offline() {
    ip netns add $OFFLINE_NS
    ip netns exec $OFFLINE_NS ip link set lo up
    mkdir -p /etc/netns/$OFFLINE_NS
    echo "nameserver 192.0.2.53" > /etc/netns/$OFFLINE_NS/resolv.conf
}

start_bed() {
    mkdir -p "$BED/run" "$BED/run/dovecot" "$BED/run/dovecot-state" "$BED/home"
    start_offline
    ip netns add $NS
    ip netns exec $NS ip link set lo up
    # IPv6 on loopback for the dual-stack scenarios (tests/connections.rs).
    [ -d /proc/sys/net/ipv6 ] || { log "this kernel has IPv6 disabled (ipv6.disable=1): the dual-stack scenarios need it"; exit 1; }
    ip netns exec $NS sysctl -qw net.ipv6.conf.all.disable_ipv6=0 net.ipv6.conf.lo.disable_ipv6=0
    ip netns exec $NS ip -6 addr add fd6d:7362::17/128 dev lo nodad
    ip netns exec $NS ip -6 addr add fd6d:7362::21/128 dev lo nodad
    # With a non-loopback IPv6 address and only loopback IPv4 ones, glibc's
    # AI_ADDRCONFIG (Perl's and Python's clients use it) would hide every IPv4
    # answer: give IPv4 a non-loopback address too, as any real computer has.
    ip netns exec $NS ip addr add 198.18.0.1/32 dev lo
    ip netns exec $NS nft -f - <<NFT
table inet msbed {
  chain output {
    type filter hook output priority 0; policy accept;
    # OP25B: port 25 silently dropped, as an ISP's filter does.
    ip daddr 127.0.10.5 tcp dport 25 drop
    # A network where nothing gets through.
    ip daddr 127.0.10.14 drop
    # A hardened firewall: 465 and 25 silently dropped, 587 open.
    ip daddr 127.0.10.16 tcp dport { 25, 465 } drop
    # A dead IPv6 address beside a working IPv4 one; a dead first IPv4 address.
    ip6 daddr fd6d:7362::17 drop
    ip daddr 127.0.10.18 drop
    # The office network: the web only through the proxy (which runs as nobody).
    ip daddr 127.0.10.22 meta skuid != nobody reject with tcp reset
  }
}
NFT
    ip netns exec $NS dnsmasq --conf-file="$BED/dnsmasq.conf" --pid-file="$BED/run/dnsmasq.pid" \
        --log-facility="$BED/log/dnsmasq.log" </dev/null >/dev/null 2>&1
    # Postfix makes its queue (and private/, where Dovecot's auth socket goes).
    ip netns exec $NS postfix -c "$PF" start >/dev/null 2>&1 || { postfix -c "$PF" check; exit 1; }
    ip netns exec $NS dovecot -c "$BED/dovecot.conf" </dev/null >/dev/null 2>&1
    # The bed's own copies: it keeps running whatever happens to this checkout.
    cp "$HERE/web.py" "$HERE/slow_proxy.py" "$BED/run/"
    ip netns exec $NS python3 "$BED/run/web.py" --root "$BED/www" --addr 127.0.10.20 \
        --cert "$BED/certs/good.crt" --key "$BED/certs/good.key" \
        </dev/null > "$BED/log/web.log" 2>&1 &
    echo $! > "$BED/run/web.pid"
    ip netns exec $NS python3 "$BED/run/web.py" --root "$BED/www" --addr 127.0.10.22 \
        --cert "$BED/certs/good.crt" --key "$BED/certs/good.key" \
        </dev/null > "$BED/log/web-proxied.log" 2>&1 &
    echo $! > "$BED/run/web-proxied.pid"
    cat > "$BED/tinyproxy.conf" <<CONF
User nobody
Group nogroup
Port 8888
Listen 127.0.10.23
Timeout 10
LogFile "$BED/log/tinyproxy.log"
LogLevel Connect
MaxClients 50
Allow 127.0.0.0/8
ConnectPort 443
CONF
    touch "$BED/log/tinyproxy.log"
    chown nobody "$BED/log/tinyproxy.log"
    ip netns exec $NS tinyproxy -c "$BED/tinyproxy.conf" </dev/null >/dev/null 2>&1
    ip netns exec $NS python3 "$BED/run/slow_proxy.py" --listen 127.0.10.13:587 \
        --upstream 127.0.10.1:587 --delay 2 </dev/null > "$BED/log/slow.log" 2>&1 &
    echo $! > "$BED/run/slow.pid"
}

wait_ready() {
    local deadline=$((SECONDS + 30))
    while [ $SECONDS -lt $deadline ]; do
        if ip netns exec $NS python3 - <<'PY' 2>/dev/null
import socket, sys
for host, port in [("127.0.10.1", 587), ("127.0.10.2", 465), ("127.0.10.20", 80),
                   ("127.0.10.20", 443), ("127.0.10.13", 587), ("127.0.10.30", 993),
                   ("127.0.10.31", 110), ("127.0.10.23", 8888),
                   ("fd6d:7362::21", 587)]:
    socket.create_connection((host, port), timeout=1).close()
PY
        then
            [ -S "$PF_QUEUE/private/auth" ] && return 0
        fi
        sleep 0.3
    done
    log "the bed did not come up; logs are in $BED/log"
    exit 1
}

if [ "${1:-}" = --down ]; then
    stop_bed
    rm -rf "$BED" /etc/netns/$NS /etc/netns/$OFFLINE_NS
    log "stopped; namespaces and $BED removed"
    exit 0
fi
install_packages
stop_bed
rm -rf "$BED"
mkdir -p "$BED/log"
make_certs
write_dns
write_postfix
write_dovecot
write_web
start_bed
wait_ready
log "ready: namespace $NS, files in $BED"
