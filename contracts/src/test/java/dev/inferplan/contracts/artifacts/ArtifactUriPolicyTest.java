package dev.inferplan.contracts.artifacts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;

import dev.inferplan.contracts.artifacts.ArtifactUriPolicy.FileLocation;
import dev.inferplan.contracts.artifacts.ArtifactUriPolicy.JarEntryLocation;
import dev.inferplan.contracts.artifacts.ArtifactUriPolicy.Network;
import dev.inferplan.contracts.artifacts.ArtifactUriPolicy.Refused;
import dev.inferplan.contracts.artifacts.ArtifactUriPolicy.RemoteLocation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The artifact rules on URIs alone (no file is read and no host is contacted: addresses are literals). */
class ArtifactUriPolicyTest {

    static final ArtifactUriPolicy RULES = ArtifactUriPolicy.of("catalog.artifacts", List.of("jar", "file", "https"),
            List.of("/models", " /root/.m2/repository ", ""), List.of("models.example.org", "[::1]", "127.0.0.1"),
            List.of(), 1L << 30);

    @Test
    void filesAndJarEntriesBelowTheRootsAndHttpsToListedHostsAreAllowed() {
        assertEquals(new FileLocation(Path.of("/models/resnet/m.onnx")), RULES.check("file:/models/resnet/./m.onnx"));
        assertEquals(new FileLocation(Path.of("/models/m.onnx")), RULES.check("file:///models/m.onnx"));
        assertEquals(new JarEntryLocation(Path.of("/root/.m2/repository/dev/x/1.0/x-1.0.jar"), "dir/all minilm.onnx"),
                RULES.check("jar:file:/root/.m2/repository/dev/x/1.0/x-1.0.jar!/dir/all%20minilm.onnx"));
        RemoteLocation remote = (RemoteLocation) RULES.check("https://Models.Example.org:8443/m.onnx");
        assertEquals("models.example.org", remote.host());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "file:/etc/shadow                                | outside the model roots (catalog.artifacts.file-roots)",
            "file:/models/../etc/passwd                      | outside the model roots",
            "file:/models/%2e%2e/var/jwt/private.pem         | outside the model roots",
            "file:/models-evil/m.onnx                        | outside the model roots",
            "file:/dev/zero                                  | never below [/proc, /sys, /dev]",
            "file:rel.onnx                                   | a file: URI names an absolute path",
            "file://localhost/models/m.onnx                  | a file: URI names no host",
            "file://fileserver/models/m.onnx                 | a file: URI names no host",
            "jar:file:/etc/app.jar!/m.onnx                   | outside the model roots",
            "jar:file:/models/m.jar                          | a jar: URI names the entry after '!/'",
            "jar:https://models.example.org/m.jar!/m.onnx    | a jar: URI reads a jar file below the model roots",
            "jar:jar:file:/models/a.jar!/b.jar!/m.onnx       | a jar: URI reads a jar file below the model roots",
            "jar:file:/models/a.jar!/b.jar!/m.onnx           | not a jar inside a jar",
            "http://models.example.org/m.onnx                | the scheme must be one of [file, https, jar] (catalog.artifacts.schemes)",
            "ftp://models.example.org/m.onnx                 | the scheme must be one of",
            "s3://bucket/m.onnx                              | the scheme must be one of",
            "https://evil.example.org/m.onnx                 | the host is not one of the allowed hosts (catalog.artifacts.hosts)",
            "https://169.254.169.254/latest/meta-data        | the host is not one of the allowed hosts",
            "https://127.0.0.1:8081/api/catalog/audit        | a loopback, link-local, private or other internal address",
            "https://[::1]/m.onnx                            | a loopback, link-local, private or other internal address",
            "https://user:secret@models.example.org/m.onnx   | an http(s): URI carries no credentials",
            "https:///m.onnx                                 | an http(s): URI names a host",
            "not a uri                                       | not a URI",
    })
    void whatTheRulesForbidIsRefusedNamingTheRule(String uri, String rule) {
        Refused refused = assertThrows(Refused.class, () -> RULES.check(uri));
        assertTrue(refused.getMessage().contains(rule.strip()), refused::getMessage);
    }

    @Test
    void theNeverListHoldsWhateverTheRoots() {
        ArtifactUriPolicy everywhere = ArtifactUriPolicy.of("runner.artifacts", List.of("file"), List.of("/"),
                List.of(), List.of(), 100);
        assertEquals(new FileLocation(Path.of("/etc/hostname")), everywhere.check("file:/etc/hostname"));
        for (String uri : List.of("file:/proc/self/environ", "file:/sys/kernel/notes", "file:/dev/zero",
                "file:/tmp/../proc/1/mem")) {
            assertThrows(Refused.class, () -> everywhere.check(uri), uri);
        }
        assertThrows(Refused.class, () -> ArtifactUriPolicy.of("runner.artifacts", List.of("file"), List.of(), List.of(),
                List.of(), 100).check("file:/models/m.onnx"), "no roots: no file");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.9.9.9", "10.1.2.3", "172.16.0.1", "172.31.255.254", "192.168.1.1",
            "169.254.169.254", "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3", "224.0.0.1", "::1", "::",
            "fe80::1", "fec0::1", "fd00::1", "fc12::1", "ff02::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1"})
    void internalAddressesAreInternal(String literal) throws UnknownHostException {
        assertTrue(ArtifactUriPolicy.isInternal(InetAddress.getByName(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "172.32.0.1", "100.128.0.1", "11.0.0.1", "2606:4700::1", "2001:db8::1"})
    void publicAddressesAreNot(String literal) throws UnknownHostException {
        assertFalse(ArtifactUriPolicy.isInternal(InetAddress.getByName(literal)), literal);
    }

    @Test
    void anAllowedNetworkAdmitsItsInternalAddressesOnly() throws UnknownHostException {
        ArtifactUriPolicy loopback = ArtifactUriPolicy.of("runner.artifacts", List.of("https"), List.of(),
                List.of("127.0.0.1", "registry.internal"), List.of("127.0.0.0/8", "10.20.0.0/16"), 100);
        assertEquals("127.0.0.1", ((RemoteLocation) loopback.check("https://127.0.0.1/m.onnx")).host());
        loopback.checkAddresses(List.of(InetAddress.getByName("10.20.3.4"), InetAddress.getByName("93.184.216.34")));
        Refused oneBad = assertThrows(Refused.class, () -> loopback.checkAddresses(List.of(
                InetAddress.getByName("10.20.3.4"), InetAddress.getByName("10.21.0.1"))));
        assertTrue(oneBad.getMessage().contains("runner.artifacts.allowed-networks"), oneBad::getMessage);
        assertThrows(Refused.class, () -> loopback.checkAddresses(List.of()));
    }

    @ParameterizedTest(name = "{0} holds {1}: {2}")
    @CsvSource({"10.20.0.0/16, 10.20.255.1, true", "10.20.0.0/16, 10.21.0.1, false", "10.20.0.0/12, 10.31.0.1, true",
            "10.20.0.0/12, 10.32.0.1, false", "127.0.0.1, 127.0.0.1, true", "127.0.0.1, 127.0.0.2, false",
            "0.0.0.0/0, 8.8.8.8, true", "0.0.0.0/0, ::1, false", "fd00::/8, fd12::1, true", "fd00::/8, fe80::1, false"})
    void networksHoldTheirAddresses(String cidr, String address, boolean held) throws UnknownHostException {
        assertEquals(held, Network.parse(cidr).contains(InetAddress.getByName(address)));
    }

    @Test
    void badConfigurationFailsAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> ArtifactUriPolicy.of("x", List.of("ftp"), List.of(),
                List.of(), List.of(), 1));
        assertThrows(IllegalArgumentException.class, () -> ArtifactUriPolicy.of("x", List.of("https"), List.of(),
                List.of(), List.of("intranet"), 1));
        assertThrows(IllegalArgumentException.class, () -> ArtifactUriPolicy.of("x", List.of("https"), List.of(),
                List.of(), List.of("10.0.0.0/33"), 1));
        assertThrows(IllegalArgumentException.class, () -> ArtifactUriPolicy.of("x", List.of("https"), List.of(),
                List.of(), List.of(), 0));
    }

    @Test
    void sizesAreCappedByTheDeclaredSizeAndTheMaximum() {
        RULES.checkDeclaredSize(null);
        RULES.checkDeclaredSize(1L << 30);
        assertTrue(assertThrows(Refused.class, () -> RULES.checkDeclaredSize((1L << 30) + 1)).getMessage()
                .contains("catalog.artifacts.max-bytes"));
        assertEquals(1L << 30, RULES.readLimit(0));
        assertEquals(1000, RULES.readLimit(1000));
        assertEquals(1L << 30, RULES.readLimit(5L << 30));
    }

    @Test
    void theHomeDirectoryIsExpandedInRoots() {
        ArtifactUriPolicy home = ArtifactUriPolicy.of("x", List.of("file"), List.of("~/.m2/repository"), List.of(),
                List.of(), 1);
        assertEquals(List.of(Path.of(System.getProperty("user.home"), ".m2", "repository")), home.fileRoots());
    }
}
