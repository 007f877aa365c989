package dev.inferplan.k8s;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Whether the NetworkPolicies of a rendered overlay let a connection through, by the API's rules: a
 * pod selected by a policy of a direction is isolated in that direction and admits only what some
 * rule of a policy selecting it allows; a connection needs the sender's egress and the receiver's
 * ingress. Pods are those of the overlay's workloads; anything else is {@link Outside}.
 */
final class Reachability {

    /** One end of a connection. */
    sealed interface Endpoint permits Pod, Outside {
    }

    /** A pod of the overlay's namespace: its labels and named container ports. */
    record Pod(String workload, Map<String, String> labels, List<Container> containers) implements Endpoint {
        Integer namedPort(String portName) {
            return containers.stream().flatMap(c -> Objects.requireNonNullElse(c.getPorts(), List.<ContainerPort>of()).stream())
                    .filter(p -> portName.equals(p.getName())).map(ContainerPort::getContainerPort).findFirst().orElse(null);
        }
    }

    /**
     * Something outside the namespace: a pod of another namespace (its labels), or an address
     * outside the cluster ({@code ip}).
     */
    record Outside(Map<String, String> namespaceLabels, Map<String, String> podLabels, String ip) implements Endpoint {
        static Outside address(String ip) {
            return new Outside(null, null, ip);
        }

        static Outside pod(String namespace, Map<String, String> podLabels) {
            return new Outside(Map.of("kubernetes.io/metadata.name", namespace), podLabels, null);
        }
    }

    private final Overlay overlay;
    private final List<NetworkPolicy> policies;
    private final Map<String, String> namespaceLabels;

    Reachability(Overlay overlay, String namespace) {
        this.overlay = overlay;
        this.policies = overlay.all(NetworkPolicy.class);
        this.namespaceLabels = Map.of("kubernetes.io/metadata.name", namespace);
    }

    Pod pod(String workload) {
        Overlay.Workload w = overlay.workload(workload);
        return new Pod(workload, w.podLabels(), w.containers());
    }

    boolean allowed(Endpoint from, Endpoint to, int port, String protocol) {
        return egressAllowed(from, to, port, protocol) && ingressAllowed(from, to, port, protocol);
    }

    boolean allowedTcp(Endpoint from, Endpoint to, int port) {
        return allowed(from, to, port, "TCP");
    }

    private boolean egressAllowed(Endpoint from, Endpoint to, int port, String protocol) {
        if (!(from instanceof Pod sender)) {
            return true;    // another namespace's policies are not ours to judge
        }
        List<NetworkPolicy> selecting = selecting(sender, "Egress");
        return selecting.isEmpty() || selecting.stream().flatMap(p -> Objects.requireNonNullElse(p.getSpec().getEgress(),
                List.<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule>of()).stream())
                .anyMatch(rule -> peersMatch(rule.getTo(), to) && portsMatch(rule.getPorts(), to, port, protocol));
    }

    private boolean ingressAllowed(Endpoint from, Endpoint to, int port, String protocol) {
        if (!(to instanceof Pod receiver)) {
            return true;
        }
        List<NetworkPolicy> selecting = selecting(receiver, "Ingress");
        return selecting.isEmpty() || selecting.stream().flatMap(p -> Objects.requireNonNullElse(p.getSpec().getIngress(),
                List.<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule>of()).stream())
                .anyMatch(rule -> peersMatch(rule.getFrom(), from) && portsMatch(rule.getPorts(), to, port, protocol));
    }

    private List<NetworkPolicy> selecting(Pod pod, String direction) {
        return policies.stream().filter(p -> Overlay.matches(p.getSpec().getPodSelector(), pod.labels()))
                .filter(p -> types(p).contains(direction)).toList();
    }

    /** policyTypes as written, else what the API defaults them to. */
    private static List<String> types(NetworkPolicy policy) {
        List<String> types = policy.getSpec().getPolicyTypes();
        if (types != null && !types.isEmpty()) {
            return types;
        }
        return policy.getSpec().getEgress() == null || policy.getSpec().getEgress().isEmpty()
                ? List.of("Ingress") : List.of("Ingress", "Egress");
    }

    /** An absent or empty peer list matches everything. */
    private boolean peersMatch(List<NetworkPolicyPeer> peers, Endpoint other) {
        return peers == null || peers.isEmpty() || peers.stream().anyMatch(peer -> peerMatches(peer, other));
    }

    private boolean peerMatches(NetworkPolicyPeer peer, Endpoint other) {
        if (peer.getIpBlock() != null) {
            return other instanceof Outside outside && outside.ip() != null && inBlock(outside.ip(), peer.getIpBlock());
        }
        Map<String, String> otherNamespace = switch (other) {
            case Pod ignored -> namespaceLabels;
            case Outside outside -> outside.namespaceLabels();
        };
        Map<String, String> otherPod = switch (other) {
            case Pod pod -> pod.labels();
            case Outside outside -> outside.podLabels();
        };
        if (otherNamespace == null) {
            return false;   // an address outside the cluster matches ipBlocks only
        }
        if (peer.getNamespaceSelector() != null) {
            if (!Overlay.matches(peer.getNamespaceSelector(), otherNamespace)) {
                return false;
            }
        } else if (!otherNamespace.equals(namespaceLabels)) {
            return false;   // a podSelector alone means this namespace
        }
        return peer.getPodSelector() == null || Overlay.matches(peer.getPodSelector(), otherPod);
    }

    private static boolean portsMatch(List<NetworkPolicyPort> ports, Endpoint receiver, int port, String protocol) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        return ports.stream().anyMatch(p -> {
            if (!Objects.requireNonNullElse(p.getProtocol(), "TCP").equals(protocol)) {
                return false;
            }
            IntOrString wanted = p.getPort();
            if (wanted == null) {
                return true;
            }
            if (wanted.getIntVal() != null) {
                int last = p.getEndPort() == null ? wanted.getIntVal() : p.getEndPort();
                return port >= wanted.getIntVal() && port <= last;
            }
            // a named port is the receiving pod's container port of that name
            return receiver instanceof Pod pod && Integer.valueOf(port).equals(pod.namedPort(wanted.getStrVal()));
        });
    }

    private static boolean inBlock(String ip, IPBlock block) {
        return inCidr(ip, block.getCidr())
                && Objects.requireNonNullElse(block.getExcept(), List.<String>of()).stream().noneMatch(e -> inCidr(ip, e));
    }

    static boolean inCidr(String ip, String cidr) {
        try {
            String[] parts = cidr.split("/");
            byte[] address = InetAddress.getByName(ip).getAddress();
            byte[] network = InetAddress.getByName(parts[0]).getAddress();
            if (address.length != network.length) {
                return false;
            }
            int bits = address.length * 8;
            int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : bits;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .shiftRight(prefix).xor(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
            return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + ip + " / " + cidr, e);
        }
    }
}
