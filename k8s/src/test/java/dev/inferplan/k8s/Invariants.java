package dev.inferplan.k8s;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
/**
 * What must hold in every overlay, checked on the objects {@code kubectl kustomize} renders (parsed
 * strictly by the Kubernetes model). Each check answers every fault it finds, naming the object;
 * none means the overlay keeps the rule. {@code OverlayInvariantsTest} runs them on the overlays,
 * {@code InvariantsCatchFaultsTest} on an overlay broken on purpose.
 */
final class Invariants {

    private Invariants() {
    }

    private static final String NAMESPACE = "inferplan";
    /** The images the Maven build makes, in any registry (README.md, "Images"); the rest are third-party. */
    private static final Pattern OUR_IMAGES = Pattern.compile("(^|.*/)inferplan/[a-z0-9-]+([:@].*)?");
    private static final Pattern SERVICE_URL = Pattern.compile("^(?:https?|jdbc:mariadb)://([a-z0-9-]+):(\\d+)(?:/.*)?$");

    static List<String> everyObjectIsInTheNamespace(Overlay overlay) {
        List<String> faults = new ArrayList<>();
        if (overlay.all(Namespace.class).size() != 1) {
            faults.add("expected the one Namespace object, found " + overlay.all(Namespace.class).size());
        }
        overlay.objects.stream().filter(o -> !(o instanceof Namespace))
                .filter(o -> !NAMESPACE.equals(o.getMetadata().getNamespace()))
                .forEach(o -> faults.add(id(o) + ": outside namespace " + NAMESPACE));
        return faults;
    }

    static List<String> everyContainerHasProbesOnItsHealthEndpointsAndResources(Overlay overlay) {
        List<String> faults = new ArrayList<>();
        for (Overlay.Workload w : overlay.workloads()) {
            for (Container c : w.containers()) {
                String where = w.kind() + " " + w.name() + "/" + c.getName() + ": ";
                if (c.getStartupProbe() == null || c.getLivenessProbe() == null || c.getReadinessProbe() == null) {
                    faults.add(where + "needs startup, liveness and readiness probes");
                } else if (ours(c)) {
                    expectHttpGet(faults, where + "startupProbe", c.getStartupProbe(), "/health/live");
                    expectHttpGet(faults, where + "livenessProbe", c.getLivenessProbe(), "/health/live");
                    expectHttpGet(faults, where + "readinessProbe", c.getReadinessProbe(), "/health/ready");
                }
                var resources = c.getResources();
                Map<String, Quantity> requests = resources == null ? null : resources.getRequests();
                Map<String, Quantity> limits = resources == null ? null : resources.getLimits();
                for (var bound : Map.of("requests", Objects.requireNonNullElse(requests, Map.<String, Quantity>of()),
                        "limits", Objects.requireNonNullElse(limits, Map.<String, Quantity>of())).entrySet()) {
                    if (!bound.getValue().containsKey("cpu") || !bound.getValue().containsKey("memory")) {
                        faults.add(where + "needs " + bound.getKey() + " for cpu and memory");
                    }
                }
                if (ours(c) && requests != null && limits != null && !Objects.equals(requests.get("memory"), limits.get("memory"))) {
                    faults.add(where + "a JVM's memory request must equal its limit (the heap is a share of the limit)");
                }
            }
        }
        return faults;
    }

    static List<String> everyContainerRunsNonRootOnAReadOnlyRootFilesystemSaveTheRunnersException(Overlay overlay) {
        List<String> faults = new ArrayList<>();
        for (Overlay.Workload w : overlay.workloads()) {
            PodSpec pod = w.template().getSpec();
            PodSecurityContext podContext = pod.getSecurityContext();
            boolean runner = isRunner(w);
            for (Container c : w.containers()) {
                String where = w.kind() + " " + w.name() + "/" + c.getName() + ": ";
                SecurityContext sc = c.getSecurityContext();
                if (sc == null) {
                    faults.add(where + "no securityContext");
                    continue;
                }
                Long user = sc.getRunAsUser() != null ? sc.getRunAsUser() : podContext == null ? null : podContext.getRunAsUser();
                Boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot()
                        : podContext == null ? null : podContext.getRunAsNonRoot();
                List<String> added = sc.getCapabilities() == null ? List.of()
                        : Objects.requireNonNullElse(sc.getCapabilities().getAdd(), List.of());
                if (runner) {
                    // ADR 0007: user 0 for CAP_SYS_NICE alone, nothing else
                    if (!Long.valueOf(0).equals(user) || !List.of("SYS_NICE").equals(added)) {
                        faults.add(where + "a runner runs as user 0 with SYS_NICE alone (ADR 0007), not user " + user + " with " + added);
                    }
                } else {
                    if (!Boolean.TRUE.equals(nonRoot) || user == null || user == 0) {
                        faults.add(where + "must run as a numeric non-root user with runAsNonRoot (user " + user + ")");
                    }
                    if (!added.isEmpty()) {
                        faults.add(where + "adds capabilities " + added);
                    }
                }
                if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
                    faults.add(where + "needs readOnlyRootFilesystem: true");
                }
                if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                    faults.add(where + "needs allowPrivilegeEscalation: false");
                }
                if (sc.getCapabilities() == null || !List.of("ALL").equals(sc.getCapabilities().getDrop())) {
                    faults.add(where + "must drop ALL capabilities");
                }
                if (Boolean.TRUE.equals(sc.getPrivileged())) {
                    faults.add(where + "is privileged");
                }
            }
            if (podContext == null || podContext.getSeccompProfile() == null
                    || !"RuntimeDefault".equals(podContext.getSeccompProfile().getType())) {
                faults.add(w.kind() + " " + w.name() + ": needs seccompProfile RuntimeDefault");
            }
            if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
                faults.add(w.kind() + " " + w.name() + ": mounts a service-account token it never uses");
            }
        }
        return faults;
    }

    static List<String> ourJvmsHaveAWritableTmpAndWorkingDirectory(Overlay overlay) {
        List<String> faults = new ArrayList<>();
        for (Overlay.Workload w : overlay.workloads()) {
            for (Container c : w.containers()) {
                if (!ours(c)) {
                    continue;
                }
                Set<String> mounts = writableMounts(w, c);
                if (!mounts.contains("/tmp")) {
                    faults.add(w.name() + ": no writable /tmp on a read-only root filesystem");
                }
                if (c.getWorkingDir() != null && !mounts.contains(c.getWorkingDir())) {
                    faults.add(w.name() + ": working directory " + c.getWorkingDir() + " is not writable");
                }
                String cache = overlay.environment(c).get("RUNNER_MODEL_CACHE_DIR");
                if (cache != null && !mounts.contains(cache)) {
                    faults.add(w.name() + ": model cache " + cache + " is not a writable volume");
                }
            }
        }
        return faults;
    }

    static List<String> everyDeploymentShutsDownGracefully(Overlay overlay) {
        List<String> faults = new ArrayList<>();
        for (Deployment d : overlay.all(Deployment.class)) {
            long grace = Objects.requireNonNullElse(d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds(), 30L);
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                var preStop = c.getLifecycle() == null ? null : c.getLifecycle().getPreStop();
                if (preStop == null || preStop.getSleep() == null) {
                    faults.add(d.getMetadata().getName() + ": no preStop pause for the endpoint removal to spread");
                } else if (preStop.getSleep().getSeconds() >= grace) {
                    faults.add(d.getMetadata().getName() + ": preStop " + preStop.getSleep().getSeconds()
                            + " s leaves nothing of the " + grace + " s grace period");
                }
            }
        }
        return faults;
    }

    static List<String> oneRunnerDeploymentPerDeclaredPoolLandingOnThatPoolsHardware(Overlay overlay) throws IOException {
        List<String> faults = new ArrayList<>();
        List<RunnerPool> pools = RunnerFiles.pools(overlay.directory.resolve(RunnerFiles.POOLS));
        List<Overlay.Workload> runners = overlay.workloads().stream().filter(Invariants::isRunner).toList();
        Set<String> declared = pools.stream().map(RunnerPool::deploymentName).collect(Collectors.toSet());
        runners.stream().filter(r -> !declared.contains(r.name()))
                .forEach(r -> faults.add(r.name() + ": a runner Deployment for no pool of " + RunnerFiles.POOLS));
        for (RunnerPool pool : pools) {
            String where = pool.deploymentName() + ": ";
            Overlay.Workload runner = runners.stream().filter(r -> r.name().equals(pool.deploymentName())).findFirst().orElse(null);
            if (runner == null) {
                faults.add(where + "pool " + pool.name() + " is declared but has no runner Deployment");
                continue;
            }
            Container c = runner.containers().getFirst();
            Map<String, String> env = overlay.environment(c);
            expect(faults, where + "RUNNER_POOL_ID", pool.name(), env.get("RUNNER_POOL_ID"));
            expect(faults, where + "RUNNER_POOL_INSTANCE_TYPES", String.join(",", pool.instanceTypes()),
                    env.get("RUNNER_POOL_INSTANCE_TYPES"));
            expect(faults, where + "nodeSelector", pool.nodeSelector(),
                    Objects.requireNonNullElse(runner.template().getSpec().getNodeSelector(), Map.of()));
            expect(faults, where + "replicas", pool.replicaCount(), runner.replicas());
            Quantity gpus = c.getResources().getLimits().get(RunnerDeployments.GPU_RESOURCE);
            expect(faults, where + "nvidia.com/gpu", pool.gpus(), gpus == null ? 0 : Integer.parseInt(gpus.getAmount()));
            expect(faults, where + "CUDA image " + c.getImage(), pool.gpus() > 0, c.getImage().contains(RunnerDeployments.CUDA_IMAGE_SUFFIX));
            expect(faults, where + "cpu limit", new Quantity(Integer.toString(pool.cpu())), c.getResources().getLimits().get("cpu"));
            expect(faults, where + "cpu request = limit (Guaranteed QoS)", c.getResources().getLimits().get("cpu"),
                    c.getResources().getRequests().get("cpu"));
            // its selector picks its own pods only: no runner Deployment adopts another pool's pods
            expect(faults, where + "pods its selector matches", List.of(pool.deploymentName()),
                    overlay.selected(runner.selector()).stream().map(Overlay.Workload::name).toList());
            var affinity = runner.template().getSpec().getAffinity();
            var antiAffinity = affinity == null || affinity.getPodAntiAffinity() == null ? null
                    : affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
            if (antiAffinity == null || antiAffinity.stream().noneMatch(t -> "kubernetes.io/hostname".equals(t.getTopologyKey())
                    && runners.stream().allMatch(other -> Overlay.matches(t.getLabelSelector(), other.podLabels())))) {
                faults.add(where + "must keep every other runner off its node (required podAntiAffinity on the host name)");
            }
        }
        return faults;
    }

    static List<String> runnersAreKilledNoSoonerThanTheirLeaseExpires(Overlay overlay) {
        Map<String, String> catalog = overlay.environment(overlay.workload("catalog-service").containers().getFirst());
        String leaseTimeout = catalog.get("CATALOG_JOBS_LEASE_TIMEOUT_SECONDS");
        if (leaseTimeout == null) {
            return List.of("catalog-service: CATALOG_JOBS_LEASE_TIMEOUT_SECONDS is not stated, so no runner can match it");
        }
        return overlay.workloads().stream().filter(Invariants::isRunner)
                .filter(r -> !Long.valueOf(leaseTimeout).equals(r.template().getSpec().getTerminationGracePeriodSeconds()))
                .map(r -> r.name() + ": terminationGracePeriodSeconds " + r.template().getSpec().getTerminationGracePeriodSeconds()
                        + " is not the catalog's lease timeout " + leaseTimeout)
                .toList();
    }

    static List<String> onlyTheGatewayIsReachableFromOutsideTheCluster(Overlay overlay) {
        List<String> faults = new ArrayList<>();
        List<Ingress> ingresses = overlay.all(Ingress.class);
        if (ingresses.isEmpty()) {
            faults.add("no Ingress: the gateway needs one");
        }
        for (Ingress ingress : ingresses) {
            Stream.concat(Stream.ofNullable(ingress.getSpec().getDefaultBackend()),
                            Objects.requireNonNullElse(ingress.getSpec().getRules(), List.<io.fabric8.kubernetes.api.model.networking.v1.IngressRule>of())
                                    .stream().filter(r -> r.getHttp() != null)
                                    .flatMap(r -> r.getHttp().getPaths().stream()).map(p -> p.getBackend()))
                    .map(IngressBackend::getService).forEach(s -> {
                        String where = "Ingress " + ingress.getMetadata().getName() + ": ";
                        if (!"gateway".equals(s.getName())) {
                            faults.add(where + "routes to " + s.getName() + "; only the gateway may be exposed");
                        }
                        var service = overlay.find(Service.class, s.getName());
                        if (service.isEmpty()) {
                            faults.add(where + "routes to Service " + s.getName() + ", which does not exist");
                        } else if (service.get().getSpec().getPorts().stream().noneMatch(p -> s.getPort().getName() != null
                                ? s.getPort().getName().equals(p.getName()) : s.getPort().getNumber().equals(p.getPort()))) {
                            faults.add(where + "port " + s.getPort() + " is not a port of Service " + s.getName());
                        }
                    });
        }
        overlay.all(Service.class).stream()
                .filter(s -> "LoadBalancer".equals(s.getSpec().getType()) || "NodePort".equals(s.getSpec().getType())
                        || (s.getSpec().getExternalIPs() != null && !s.getSpec().getExternalIPs().isEmpty()))
                .forEach(s -> faults.add(id(s) + ": exposed as " + s.getSpec().getType() + "; only the gateway's Ingress may be"));
        return faults;
    }

    static List<String> everyNetworkPolicySelectsExistingPods(Overlay overlay) {
        List<String> faults = new ArrayList<>();
        for (NetworkPolicy policy : overlay.all(NetworkPolicy.class)) {
            String where = "NetworkPolicy " + policy.getMetadata().getName() + ": ";
            if (overlay.selected(policy.getSpec().getPodSelector()).isEmpty()) {
                faults.add(where + "selects no pod");
            }
            List<NetworkPolicyPeer> peers = new ArrayList<>();
            Objects.requireNonNullElse(policy.getSpec().getIngress(), List.<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule>of())
                    .forEach(r -> peers.addAll(Objects.requireNonNullElse(r.getFrom(), List.of())));
            Objects.requireNonNullElse(policy.getSpec().getEgress(), List.<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule>of())
                    .forEach(r -> peers.addAll(Objects.requireNonNullElse(r.getTo(), List.of())));
            for (NetworkPolicyPeer peer : peers) {
                // a pod selector without a namespace selector means pods of this namespace: they must exist
                if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null
                        && overlay.selected(peer.getPodSelector()).isEmpty()) {
                    faults.add(where + "a rule names pods that do not exist: " + peer.getPodSelector());
                }
            }
        }
        return faults;
    }

    static List<String> everyServiceSelectsPodsThatHaveItsTargetPort(Overlay overlay) {
        List<String> faults = new ArrayList<>();
        for (Service service : overlay.all(Service.class)) {
            if ("ExternalName".equals(service.getSpec().getType())) {
                continue;
            }
            List<Overlay.Workload> pods = overlay.selected(new LabelSelector(List.of(), service.getSpec().getSelector()));
            if (pods.isEmpty()) {
                faults.add("Service " + service.getMetadata().getName() + " selects no pod");
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                for (Overlay.Workload pod : pods) {
                    boolean found = pod.containers().stream().flatMap(c -> Objects.requireNonNullElse(c.getPorts(), List.<ContainerPort>of()).stream())
                            .anyMatch(p -> port.getTargetPort().getStrVal() != null ? port.getTargetPort().getStrVal().equals(p.getName())
                                    : port.getTargetPort().getIntVal().equals(p.getContainerPort()));
                    if (!found) {
                        faults.add("Service " + service.getMetadata().getName() + ": " + pod.name() + " has no port " + port.getTargetPort());
                    }
                }
            }
        }
        return faults;
    }

    static List<String> everyConfigMapAndSecretReferencedExists(Overlay overlay) {
        Map<String, Set<String>> secrets = DeclaredSecrets.read();
        List<String> faults = new ArrayList<>();
        for (Overlay.Workload w : overlay.workloads()) {
            String where = w.kind() + " " + w.name() + ": ";
            List<Container> containers = new ArrayList<>(w.containers());
            containers.addAll(Objects.requireNonNullElse(w.template().getSpec().getInitContainers(), List.of()));
            for (Container c : containers) {
                for (EnvFromSource source : Objects.requireNonNullElse(c.getEnvFrom(), List.<EnvFromSource>of())) {
                    if (source.getConfigMapRef() != null) {
                        configMap(overlay, faults, where, source.getConfigMapRef().getName(), null);
                    }
                    if (source.getSecretRef() != null) {
                        secret(secrets, faults, where, source.getSecretRef().getName(), null);
                    }
                }
                for (EnvVar var : Objects.requireNonNullElse(c.getEnv(), List.<EnvVar>of())) {
                    if (var.getValueFrom() != null && var.getValueFrom().getConfigMapKeyRef() != null) {
                        var ref = var.getValueFrom().getConfigMapKeyRef();
                        configMap(overlay, faults, where, ref.getName(), ref.getKey());
                    }
                    if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
                        var ref = var.getValueFrom().getSecretKeyRef();
                        secret(secrets, faults, where, ref.getName(), ref.getKey());
                    }
                }
            }
            for (Volume volume : Objects.requireNonNullElse(w.template().getSpec().getVolumes(), List.<Volume>of())) {
                if (volume.getConfigMap() != null) {
                    var items = Objects.requireNonNullElse(volume.getConfigMap().getItems(), List.<io.fabric8.kubernetes.api.model.KeyToPath>of());
                    configMap(overlay, faults, where, volume.getConfigMap().getName(), null);
                    items.forEach(i -> configMap(overlay, faults, where, volume.getConfigMap().getName(), i.getKey()));
                }
                if (volume.getSecret() != null) {
                    var items = Objects.requireNonNullElse(volume.getSecret().getItems(), List.<io.fabric8.kubernetes.api.model.KeyToPath>of());
                    secret(secrets, faults, where, volume.getSecret().getSecretName(), null);
                    items.forEach(i -> secret(secrets, faults, where, volume.getSecret().getSecretName(), i.getKey()));
                }
            }
        }
        for (Ingress ingress : overlay.all(Ingress.class)) {
            Objects.requireNonNullElse(ingress.getSpec().getTls(), List.<io.fabric8.kubernetes.api.model.networking.v1.IngressTLS>of())
                    .forEach(tls -> secret(secrets, faults, "Ingress " + ingress.getMetadata().getName() + ": ", tls.getSecretName(), "tls.crt"));
        }
        return faults;
    }

    static List<String> passwordsTokensAndKeysComeFromSecrets(Overlay overlay) {
        List<String> faults = new ArrayList<>();
        for (Overlay.Workload w : overlay.workloads()) {
            for (Container c : w.containers()) {
                Map<String, String> env = overlay.environment(c);
                env.forEach((key, value) -> {
                    if (key.matches(".*(PASSWORD|TOKEN|SECRET|PRIVATE_KEY).*") && !value.startsWith("secret:")) {
                        faults.add(w.name() + ": " + key + " is set in plain configuration");
                    }
                });
                if (env.containsKey("DB_URL") && !env.getOrDefault("DB_PASSWORD", "").startsWith("secret:")) {
                    faults.add(w.name() + ": DB_PASSWORD must come from a Secret");
                }
                String jwtKey = env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
                if (ours(c)) {
                    if (jwtKey == null) {
                        faults.add(w.name() + ": no MP_JWT_VERIFY_PUBLICKEY_LOCATION");
                    } else if (secretMountHolding(w, c, jwtKey) == null) {
                        faults.add(w.name() + ": " + jwtKey + " is not in a mounted Secret");
                    }
                }
            }
        }
        return faults;
    }

    static List<String> everyServiceAddressInTheConfigurationNamesAServiceAndItsPort(Overlay overlay) {
        List<String> faults = new ArrayList<>();
        int checked = 0;
        for (ConfigMap map : overlay.all(ConfigMap.class)) {
            for (Map.Entry<String, String> entry : Objects.requireNonNullElse(map.getData(), Map.<String, String>of()).entrySet()) {
                Matcher m = SERVICE_URL.matcher(entry.getValue());
                if (!m.matches()) {
                    continue;
                }
                checked++;
                String where = "ConfigMap " + map.getMetadata().getName() + " " + entry.getKey() + "=" + entry.getValue() + ": ";
                var service = overlay.find(Service.class, m.group(1));
                if (service.isEmpty()) {
                    faults.add(where + "no Service " + m.group(1));
                } else if ("ExternalName".equals(service.get().getSpec().getType())) {
                    continue;   // the port is the external server's
                } else if (service.get().getSpec().getPorts().stream().noneMatch(p -> p.getPort() == Integer.parseInt(m.group(2)))) {
                    faults.add(where + "Service " + m.group(1) + " has no port " + m.group(2));
                }
            }
        }
        if (checked < 8) {
            faults.add("expected the services' addresses in the configuration, found " + checked);
        }
        return faults;
    }

    static List<String> everyImageIsTagged(Overlay overlay) {
        return overlay.workloads().stream().flatMap(w -> w.containers().stream()
                        .map(c -> w.name() + ": " + c.getImage()))
                .filter(image -> !image.matches(".*: [^@]+(:[A-Za-z0-9_][A-Za-z0-9_.-]*|@sha256:[0-9a-f]{64})$")
                        || image.endsWith(":latest"))
                .map(image -> image + ": needs a tag other than latest, or a digest")
                .toList();
    }

    private static void expect(List<String> faults, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            faults.add(what + ": expected " + expected + ", is " + actual);
        }
    }

    private static void expectHttpGet(List<String> faults, String where, Probe probe, String path) {
        if (probe.getHttpGet() == null || !path.equals(probe.getHttpGet().getPath())
                || !"http".equals(probe.getHttpGet().getPort().getStrVal())) {
            faults.add(where + " must GET " + path + " on the port named http");
        }
    }

    private static void configMap(Overlay overlay, List<String> faults, String where, String mapName, String key) {
        var map = overlay.find(ConfigMap.class, mapName);
        if (map.isEmpty()) {
            faults.add(where + "ConfigMap " + mapName + " does not exist");
        } else if (key != null && (map.get().getData() == null || !map.get().getData().containsKey(key))) {
            faults.add(where + "ConfigMap " + mapName + " has no key " + key);
        }
    }

    private static void secret(Map<String, Set<String>> secrets, List<String> faults, String where, String secretName, String key) {
        if (!secrets.containsKey(secretName)) {
            faults.add(where + "Secret " + secretName + " is not declared in " + DeclaredSecrets.FILE);
        } else if (key != null && !secrets.get(secretName).contains(key)) {
            faults.add(where + "Secret " + secretName + " declares no key " + key + " in " + DeclaredSecrets.FILE);
        }
    }

    static boolean ours(Container c) {
        return OUR_IMAGES.matcher(c.getImage()).matches();
    }

    static boolean isRunner(Overlay.Workload w) {
        return "runner".equals(w.podLabels().get("app.kubernetes.io/component"));
    }

    private static Set<String> writableMounts(Overlay.Workload w, Container c) {
        Set<String> writableVolumes = Objects.requireNonNullElse(w.template().getSpec().getVolumes(), List.<Volume>of()).stream()
                .filter(v -> v.getEmptyDir() != null || v.getPersistentVolumeClaim() != null).map(Volume::getName)
                .collect(Collectors.toSet());
        return Objects.requireNonNullElse(c.getVolumeMounts(), List.<VolumeMount>of()).stream()
                .filter(m -> writableVolumes.contains(m.getName()) && !Boolean.TRUE.equals(m.getReadOnly()))
                .map(VolumeMount::getMountPath).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The Secret volume whose mount holds the file, or null. */
    private static String secretMountHolding(Overlay.Workload w, Container c, String file) {
        for (VolumeMount mount : Objects.requireNonNullElse(c.getVolumeMounts(), List.<VolumeMount>of())) {
            if (!file.startsWith(mount.getMountPath() + "/")) {
                continue;
            }
            String relative = file.substring(mount.getMountPath().length() + 1);
            for (Volume v : w.template().getSpec().getVolumes()) {
                if (v.getName().equals(mount.getName()) && v.getSecret() != null && (v.getSecret().getItems() == null
                        || v.getSecret().getItems().stream().anyMatch(i -> i.getPath().equals(relative)))) {
                    return v.getSecret().getSecretName();
                }
            }
        }
        return null;
    }

    static String id(HasMetadata o) {
        return o.getKind() + " " + o.getMetadata().getName();
    }
}
