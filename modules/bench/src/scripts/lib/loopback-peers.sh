# Sourced by the benchmark scripts: a private sshd and a dropvault server on loopback ports, both
# stopped by stop_loopback_peers. Needs openssh-server (sshd), openssh-client and ssh-keygen.

# start_private_sshd WORK PORT: sshd on 127.0.0.1:PORT, its keys in WORK/ssh, AES-256-GCM (then CTR);
# sets ssh_dir and ssh_opts (for ssh, scp and sftp) and user.
start_private_sshd() {
  local work=$1 port=$2 sshd
  sshd=$(command -v sshd || echo /usr/sbin/sshd)
  [ -x "$sshd" ] || { echo "needs sshd: apt-get install openssh-server"; exit 2; }
  ssh_dir=$work/ssh; rm -rf "$ssh_dir"; mkdir -p "$ssh_dir" /run/sshd; chmod 700 "$ssh_dir"
  ssh-keygen -q -t ed25519 -N '' -f "$ssh_dir/host_key"
  ssh-keygen -q -t ed25519 -N '' -f "$ssh_dir/client_key"
  cp "$ssh_dir/client_key.pub" "$ssh_dir/authorized_keys"
  cat > "$ssh_dir/sshd_config" <<CONF
Port $port
ListenAddress 127.0.0.1
HostKey $ssh_dir/host_key
PidFile $ssh_dir/sshd.pid
AuthorizedKeysFile $ssh_dir/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
Subsystem sftp internal-sftp
Ciphers aes256-gcm@openssh.com,aes256-ctr
CONF
  "$sshd" -f "$ssh_dir/sshd_config" -E "$ssh_dir/sshd.log"
  ssh_opts=(-q -c aes256-gcm@openssh.com -i "$ssh_dir/client_key" -o StrictHostKeyChecking=no
    -o UserKnownHostsFile=/dev/null -o BatchMode=yes)
  user=$(id -un)
}

# start_dropvault_server DIST WORK PORT: bin/dropvault-server on 127.0.0.1:PORT, data in WORK/data,
# files up to 4 GiB - 17, loopback exempt from the per-source limits (as for any load); sets server_pid.
start_dropvault_server() {
  local dist=$1 work=$2 port=$3
  rm -rf "$work/data"
  cat > "$work/server.properties" <<PROPS
bind=127.0.0.1
data=$work/data
max.file.size=4294967279
limits.exempt=127.0.0.0/8
PROPS
  "$dist/bin/dropvault-server" --port "$port" --config "$work/server.properties" > "$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 150); do grep -q "listening on" "$work/server.log" && break; sleep 0.2; done
}

stop_loopback_peers() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null || true
  [ -n "${ssh_dir:-}" ] && [ -f "$ssh_dir/sshd.pid" ] && kill "$(cat "$ssh_dir/sshd.pid")" 2>/dev/null || true
}
