# A connection to a "host" that is a set of namespaces on this machine: the nodes of
# test/scripts/engine-cluster.sh, each its own network, mount, UTS and PID namespaces. Commands
# run through `nsenter -t PID -n -m -u -p`, files are copied in and out through the node's own
# mount namespace (its /tmp, /root and /run are private). Only for the tests: it lets Debian's
# ansible run collector/ansible/collect.yml against real nodes without sshd and without any
# traffic leaving the sandbox.
from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = """
    name: nsenter
    short_description: run in the namespaces of a process on this machine
    description:
        - Enters the network, mount, UTS and PID namespaces of a process (nsenter) to run
          commands and to copy files. Needs root on the controller.
    author: dockernet tests
    options:
      pid:
        description: The process whose namespaces make the host (the node's init).
        vars:
          - name: ansible_nsenter_pid
        required: true
      path:
        description: The PATH commands run with on that host (its own engine's CLI first).
        vars:
          - name: ansible_nsenter_path
        default: /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
    extends_documentation_fragment:
        - connection_pipelining
"""

import subprocess

from ansible.errors import AnsibleError, AnsibleFileNotFound
from ansible.module_utils._text import to_bytes, to_native
from ansible.plugins.connection import ConnectionBase
from ansible.utils.display import Display

display = Display()


class Connection(ConnectionBase):
    transport = "nsenter"
    has_pipelining = True
    default_user = "root"

    def _enter(self):
        pid = str(self.get_option("pid"))
        return ["nsenter", "-t", pid, "-n", "-m", "-u", "-p", "--"]

    def _connect(self):
        if not self._connected:
            display.vvv("ENTER namespaces of pid %s" % self.get_option("pid"), host=self._play_context.remote_addr)
            self._connected = True
        return self

    def exec_command(self, cmd, in_data=None, sudoable=True):
        super(Connection, self).exec_command(cmd, in_data=in_data, sudoable=sudoable)
        display.vvv("EXEC %s" % cmd, host=self._play_context.remote_addr)
        p = subprocess.Popen(
            self._enter() + ["env", "PATH=" + self.get_option("path"), "/bin/sh", "-c", to_bytes(cmd)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        stdout, stderr = p.communicate(in_data)
        return (p.returncode, stdout, stderr)

    def put_file(self, in_path, out_path):
        super(Connection, self).put_file(in_path, out_path)
        display.vvv("PUT %s TO %s" % (in_path, out_path), host=self._play_context.remote_addr)
        try:
            with open(to_bytes(in_path), "rb") as f:
                p = subprocess.run(
                    self._enter() + ["/bin/sh", "-c", 'cat > "$1"', "sh", to_bytes(out_path)],
                    stdin=f,
                    capture_output=True,
                )
        except FileNotFoundError:
            raise AnsibleFileNotFound("file or module does not exist: %s" % to_native(in_path))
        if p.returncode != 0:
            raise AnsibleError("failed to put %s: %s" % (to_native(out_path), to_native(p.stderr)))

    def fetch_file(self, in_path, out_path):
        super(Connection, self).fetch_file(in_path, out_path)
        display.vvv("FETCH %s TO %s" % (in_path, out_path), host=self._play_context.remote_addr)
        with open(to_bytes(out_path), "wb") as f:
            p = subprocess.run(self._enter() + ["cat", "--", to_bytes(in_path)], stdout=f, stderr=subprocess.PIPE)
        if p.returncode != 0:
            raise AnsibleError("failed to fetch %s: %s" % (to_native(in_path), to_native(p.stderr)))

    def close(self):
        self._connected = False
