/**
 * @module util/launcher/helper-script
 * The helper process behind ./perl-launcher.ts, in Perl (perl-base is Essential on Debian). It is
 * small, so its fork costs well under a millisecond where a fork of a large Node.js process costs
 * several; and it makes mount(2) and umount2(2) calls itself, with no mount(8) process at all.
 *
 * Frames both ways are a 4-byte big-endian length and then fields, each a 4-byte length and bytes.
 * Requests (first field): `S id cwd fd3 argv env input nice sealed` spawns (argv and env
 * NUL-joined, fd3 "1" for a pipe at fd 3, nice added to its niceness, and the sealed copy of the
 * executable `sealed`, when named, open at fd 9); `K id signal` signals a spawned process; `C id`
 * drops what it writes from then on (its pipes are still read); `M id source target fstype flags
 * data` mounts; `U id target flags` unmounts; `F id path` makes the sealed copy of `path`;
 * `N id nice ipc net` pins new namespaces on the files named (a forked child unshares them, bind
 * mounts its /proc/self/ns/* on them and brings the network's lo up; no command is run).
 * Answers: `O id fd bytes` output, `E id fd` end of that output, `X id code errno` exit (code
 * 128+n after signal n; errno set when exec failed, then code is 127), `R id errno` a mount's result.
 * The helper ends when its standard input does; what it started keeps running.
 * A sealed copy is an executable read into a memfd that no one can change (F_SEAL_SEAL, SHRINK,
 * GROW, WRITE), made once and kept while the helper runs. runc run from one skips what it does on
 * every start to keep a container from overwriting it (a bind mount, a remount and a second exec).
 * Answers to `N` are `X id code 0`, the code being the errno that stopped it (0 when done).
 * Arguments: the syscall numbers of mount, umount2, memfd_create and unshare on this machine.
 */
export const HELPER_SCRIPT = String.raw`
use strict;
use warnings;
use POSIX qw(:sys_wait_h);
use IO::Select;
use Socket qw(PF_INET SOCK_DGRAM);
use Fcntl qw(F_GETFL F_SETFL F_SETFD FD_CLOEXEC O_NONBLOCK);

my ($SYS_MOUNT, $SYS_UMOUNT2, $SYS_MEMFD_CREATE, $SYS_UNSHARE) = @ARGV;
$0 = 'kubeling-launcher';
$SIG{CHLD} = sub {};
$SIG{PIPE} = 'IGNORE';
binmode STDIN; binmode STDOUT;
nonblock(\*STDIN);
# fd 9 is held (close-on-exec) so that no pipe takes it: a command's fd 9 is a sealed copy or none.
{
  my $null = POSIX::open('/dev/null', POSIX::O_RDONLY);
  if ($null != 9) { POSIX::dup2($null, 9); POSIX::close($null); }
}
open(my $nine, '<&=', 9) or die "fd 9: $!";
fcntl($nine, F_SETFD, FD_CLOEXEC);

my $rsel = IO::Select->new(\*STDIN);
my $wsel = IO::Select->new;
my %kid;     # pid => { id, open => count of pipes still read }
my %byid;    # id => pid
my %pipe;    # fileno => [fh, pid, fd]
my %feed;    # fileno => [fh, bytes]
my %sealed;  # path => handle of its sealed copy
my $in = '';
my $out = '';

sub nonblock { my $fh = shift; fcntl($fh, F_SETFL, fcntl($fh, F_GETFL, 0) | O_NONBLOCK); }
sub answer { my $p = pack('(N/a*)*', @_); $out .= pack('N', length $p) . $p; }

sub flush {
  while (length $out) {
    my $n = syswrite(STDOUT, $out);
    if (!defined $n) { next if $!{EINTR} || $!{EAGAIN}; exit 0; }
    substr($out, 0, $n) = '';
  }
}

sub drop_pipe {
  my ($fh) = @_;
  my $e = delete $pipe{fileno $fh} or return;
  $rsel->remove($fh);
  close $fh;
  my $k = $kid{$e->[1]};
  $k->{open}-- if $k;
}

# The sealed copy of the executable at $path: its handle, or undef with $! set.
sub sealed_copy {
  my ($path) = @_;
  return $sealed{$path} if $sealed{$path};
  open(my $in, '<:raw', $path) or return undef;
  my $name = 'kubeling-sealed';
  # MFD_CLOEXEC | MFD_ALLOW_SEALING: fd 9 of a command is a dup of it, the only way out.
  my $made = syscall($SYS_MEMFD_CREATE + 0, $name, 3);
  return undef if $made < 0;
  open(my $first, '+<&=', $made) or do { POSIX::close($made); return undef; };
  # Above 9, out of the way of the pipes a command's fds 0-3 are made from (F_DUPFD_CLOEXEC).
  my $fd = fcntl($first, 1030, 10);
  close $first;
  return undef unless $fd;
  open(my $mem, '+<&=', $fd + 0) or do { POSIX::close($fd + 0); return undef; };
  binmode $mem;
  while (1) {
    my $n = sysread($in, my $buf, 1 << 20);
    return undef unless defined $n;
    last if $n == 0;
    for (my $at = 0; $at < $n;) {
      my $w = syswrite($mem, $buf, $n - $at, $at);
      return undef unless $w;
      $at += $w;
    }
  }
  # F_ADD_SEALS with F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE.
  fcntl($mem, 1033, 15) or return undef;
  return $sealed{$path} = $mem;
}

sub spawn {
  my ($id, $cwd, $fd3, $argv, $env, $input, $nice, $seal) = @_;
  my $copy;
  if (length($seal // '')) { $copy = sealed_copy($seal) or do { answer('X', $id, 127, $! + 0); return; }; }
  my @argv = split /\0/, $argv, -1;
  my @env = length $env ? split(/\0/, $env, -1) : ();
  my @ends;
  for my $fd (0 .. ($fd3 ? 3 : 2)) {
    pipe(my $r, my $w) or do { answer('X', $id, 127, $! + 0); return; };
    push @ends, $fd == 0 ? [$r, $w] : [$w, $r];
  }
  pipe(my $er, my $ew) or do { answer('X', $id, 127, $! + 0); return; };
  my $pid = fork;
  if (!defined $pid) { answer('X', $id, 127, $! + 0); return; }
  if ($pid == 0) {
    $SIG{CHLD} = 'DEFAULT';
    $SIG{PIPE} = 'DEFAULT';
    # dup2 leaves close-on-exec set when an end already has its number: cleared by hand.
    my @keep;
    for my $fd (0 .. $#ends) {
      POSIX::dup2(fileno $ends[$fd][0], $fd) if fileno $ends[$fd][0] != $fd;
      open(my $h, $fd ? '>&=' : '<&=', $fd) or POSIX::_exit(127);
      fcntl($h, F_SETFD, 0);
      push @keep, $h;
    }
    # Over the placeholder; a copy's own fd is above 9 and the pipes' ends are in place by now.
    POSIX::dup2(fileno $copy, 9) if $copy;
    setpriority(0, 0, getpriority(0, 0) + $nice) if $nice;
    if (length $cwd && !chdir $cwd) { syswrite($ew, pack('N', $! + 0)); POSIX::_exit(127); }
    %ENV = ();
    for (@env) { my ($k, $v) = split /=/, $_, 2; $ENV{$k} = $v // ''; }
    { no warnings; exec { $argv[0] } @argv; }
    syswrite($ew, pack('N', $! + 0));
    POSIX::_exit(127);
  }
  close $ew;
  close $_->[0] for @ends;
  my $got = sysread($er, my $errno, 4);
  close $er;
  if ($got) {
    close $_->[1] for @ends;
    waitpid($pid, 0);
    answer('X', $id, 127, unpack('N', $errno));
    return;
  }
  $kid{$pid} = { id => $id, open => 0 };
  $byid{$id} = $pid;
  my ($stdin, @reads) = map { $_->[1] } @ends;
  for my $fd (1 .. $#ends) {
    my $fh = $reads[$fd - 1];
    nonblock($fh);
    $pipe{fileno $fh} = [$fh, $pid, $fd];
    $rsel->add($fh);
    $kid{$pid}{open}++;
  }
  if (length $input) {
    nonblock($stdin);
    $feed{fileno $stdin} = [$stdin, $input];
    $wsel->add($stdin);
  } else {
    close $stdin;
  }
}

# In a child of its own: new IPC (and network) namespaces held by bind mounts on the files, lo up.
sub pin_namespaces {
  my ($id, $nice, $ipc, $net) = @_;
  my $pid = fork;
  if (!defined $pid) { answer('X', $id, $! + 0, 0); return; }
  if ($pid == 0) {
    $SIG{CHLD} = 'DEFAULT';
    setpriority(0, 0, getpriority(0, 0) + $nice) if $nice;
    my $fail = sub { POSIX::_exit(($! + 0) || 1); };
    # CLONE_NEWIPC, CLONE_NEWNET; MS_BIND.
    syscall($SYS_UNSHARE + 0, 0x08000000 | (length $net ? 0x40000000 : 0)) == 0 or $fail->();
    for (['ipc', $ipc], ['net', $net]) {
      my ($ns, $file) = @$_;
      next unless length $file;
      syscall($SYS_MOUNT + 0, "/proc/self/ns/$ns", $file, 0, 4096, 0) == 0 or $fail->();
    }
    if (length $net) {
      # SIOCGIFFLAGS, then SIOCSIFFLAGS with IFF_UP, on a struct ifreq (name, then the flags).
      socket(my $s, PF_INET, SOCK_DGRAM, 0) or $fail->();
      my $ifr = pack('a16 s x22', 'lo', 0);
      ioctl($s, 0x8913, $ifr) or $fail->();
      my $flags = unpack('x16 s', $ifr);
      ioctl($s, 0x8914, pack('a16 s x22', 'lo', $flags | 1)) or $fail->();
    }
    POSIX::_exit(0);
  }
  $kid{$pid} = { id => $id, open => 0 };
  $byid{$id} = $pid;
}

sub request {
  my ($op, $id, @f) = unpack('(N/a*)*', shift);
  if ($op eq 'S') { spawn($id, @f); }
  elsif ($op eq 'K') {
    # Never a reaped one: its pid may already be another process's.
    my $pid = $byid{$id};
    kill($f[0], $pid) if $pid && !$kid{$pid}{done};
  }
  elsif ($op eq 'C') { my $pid = $byid{$id}; $kid{$pid}{mute} = 1 if $pid; }
  elsif ($op eq 'M') {
    my ($src, $target, $type, $flags, $data) = @f;
    my $r = syscall($SYS_MOUNT + 0, $src, $target, $type, $flags + 0, length $data ? $data : 0);
    answer('R', $id, $r == -1 ? $! + 0 : 0);
  }
  elsif ($op eq 'N') { pin_namespaces($id, @f); }
  elsif ($op eq 'F') { answer('R', $id, sealed_copy($f[0]) ? 0 : $! + 0); }
  elsif ($op eq 'U') {
    my $r = syscall($SYS_UMOUNT2 + 0, $f[0], $f[1] + 0);
    answer('R', $id, $r == -1 ? $! + 0 : 0);
  }
}

sub reap {
  while ((my $pid = waitpid(-1, WNOHANG)) > 0) {
    my $k = $kid{$pid} or next;
    my $code = WIFEXITED($?) ? WEXITSTATUS($?) : 128 + WTERMSIG($?);
    answer('X', $k->{id}, $code, 0);
    $k->{done} = 1;
  }
  for my $pid (keys %kid) {
    my $k = $kid{$pid};
    next unless $k->{done} && $k->{open} <= 0;
    delete $byid{$k->{id}} if ($byid{$k->{id}} // 0) == $pid;
    delete $kid{$pid};
  }
}

while (1) {
  reap();
  flush();
  my $timeout;
  for (values %kid) {
    next if $_->{done};
    $timeout = $_->{open} <= 0 ? 0.001 : 0.05;
    last if $timeout < 0.01;
  }
  my ($r, $w) = IO::Select->select($rsel, $wsel->count ? $wsel : undef, undef, $timeout);
  for my $fh (@{ $r || [] }) {
    if (fileno($fh) == 0) {
      my $n = sysread(STDIN, $in, 65536, length $in);
      if (defined $n && $n == 0) { flush(); exit 0; }
      while (length($in) >= 4) {
        my $len = unpack('N', $in);
        last if length($in) < 4 + $len;
        my $frame = substr($in, 4, $len);
        substr($in, 0, 4 + $len) = '';
        request($frame);
      }
      next;
    }
    my $e = $pipe{fileno $fh} or next;
    my $n = sysread($fh, my $buf, 65536);
    next if !defined $n && ($!{EAGAIN} || $!{EINTR});
    my $k = $kid{$e->[1]};
    if ($n) { answer('O', $k->{id}, $e->[2], $buf) unless $k->{mute}; next; }
    answer('E', $k->{id}, $e->[2]) unless $k->{mute};
    drop_pipe($fh);
  }
  for my $fh (@{ $w || [] }) {
    my $f = $feed{fileno $fh} or next;
    my $n = syswrite($fh, $f->[1]);
    next if !defined $n && ($!{EAGAIN} || $!{EINTR});
    substr($f->[1], 0, $n // length $f->[1]) = '';
    next if length $f->[1];
    delete $feed{fileno $fh};
    $wsel->remove($fh);
    close $fh;
  }
}
`;
