package vn.checkin.it;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the packaged jar twice on one data folder (embedded H2 file database and generated keys):
 * users, sites, visits and keys survive, and a token issued before the restart still verifies.
 */
class RestartIT {

    private static final String ADMIN_PASSWORD = "restart-admin-password";
    private Process process;

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void dataKeysAndTokensSurviveARestart() throws Exception {
        Path work = Files.createTempDirectory("checkin-restart");
        int port = freePort();
        start(work, port);

        String token = spec(port).body(Map.of("username", "admin", "password", ADMIN_PASSWORD))
                .post("/api/v1/auth/token").then().statusCode(200).extract().path("accessToken");
        String siteId = spec(port).auth().oauth2(token)
                .body(Map.of("code", "restart-site", "name", "Văn phòng một cửa"))
                .post("/api/v1/sites").then().statusCode(201).extract().path("id");
        String url = spec(port).auth().oauth2(token).get("/api/v1/sites/" + siteId)
                .then().statusCode(200).extract().path("checkinUrl");
        String visitId = spec(port).body(Map.of("qr", url,
                        "visitor", Map.of("fullName", "Trần Thị Bích", "phone", "0987654321"),
                        "declaration", Map.of("symptoms", List.of()), "consent", true))
                .post("/api/v1/checkins").then().statusCode(201).extract().path("visitId");
        spec(port).auth().oauth2(token)
                .body(Map.of("username", "reception-restart", "password", "reception-password",
                        "roles", List.of("RECEPTION"), "siteIds", List.of(siteId)))
                .post("/api/v1/users").then().statusCode(201);
        byte[] privateKey = Files.readAllBytes(work.resolve("data/keys/jwt-private.pem"));
        byte[] hmacSecret = Files.readAllBytes(work.resolve("data/hmac-secret"));

        process.destroy();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the service stops on SIGTERM");
        start(work, port);

        spec(port).auth().oauth2(token).get("/api/v1/sites/" + siteId)
                .then().statusCode(200).body("checkinUrl", equalTo(url));
        spec(port).auth().oauth2(token).get("/api/v1/sites/" + siteId + "/visits")
                .then().statusCode(200).body("items.id", hasItem(visitId));
        spec(port).auth().oauth2(token).get("/api/v1/users")
                .then().statusCode(200).body("items.username", hasItem("reception-restart"));
        spec(port).body(Map.of("username", "reception-restart", "password", "reception-password"))
                .post("/api/v1/auth/token").then().statusCode(200);
        assertArrayEquals(privateKey, Files.readAllBytes(work.resolve("data/keys/jwt-private.pem")));
        assertArrayEquals(hmacSecret, Files.readAllBytes(work.resolve("data/hmac-secret")));
    }

    private void start(Path work, int port) throws IOException, InterruptedException {
        String jar = System.getProperty("runner.jar", "target/quarkus-app/quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port, "-jar", Path.of(jar).toAbsolutePath().toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("service-" + Instant.now().toEpochMilli() + ".log").toFile());
        builder.environment().put("CHECKIN_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().put("CHECKIN_PUBLIC_BASE_URL", "http://localhost:" + port);
        process = builder.start();
        waitUntilReady(port);
    }

    private void waitUntilReady(int port) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited with " + process.exitValue());
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The service did not become ready within 60 s");
    }

    private static RequestSpecification spec(int port) {
        return RestAssured.given().port(port).contentType(ContentType.JSON);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
