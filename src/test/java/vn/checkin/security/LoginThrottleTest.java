package vn.checkin.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import vn.checkin.support.Api;
import vn.checkin.support.Http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login attempts are reserved before the password is checked: N parallel wrong passwords for one user get at
 * most the limit in 401s (each a password check), the rest 429 with Retry-After, and then the right password
 * is refused too until the lockout ends. (Two instances: deploy/two-replicas.sh; ThrottlesTest for the counters.)
 */
@QuarkusTest
class LoginThrottleTest {

    @Test
    void parallelWrongPasswordsCostAtMostTheLimitInPasswordChecks() throws Exception {
        int limit = ConfigProvider.getConfig().getValue("checkin.auth.max-failed-logins", Integer.class);
        Api.Staff staff = Api.tracer();
        int guesses = 32;
        ExecutorService pool = Executors.newFixedThreadPool(guesses);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                String guess = "wrong-password-" + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return login(staff.username(), guess);
                }));
            }
            start.countDown();
            int checked = 0;
            int refused = 0;
            for (Future<Response> answer : answers) {
                Response response = answer.get(60, TimeUnit.SECONDS);
                if (response.statusCode() == 401) {
                    checked++;
                } else {
                    Http.expectProblem(response, 429);
                    assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
                    refused++;
                }
            }
            assertThat(checked).as("password checks of %d parallel guesses, limit %d", guesses, limit).isEqualTo(limit);
            assertThat(refused).isEqualTo(guesses - limit);
        } finally {
            pool.shutdownNow();
        }
        Http.expectProblem(login(staff.username(), Api.STAFF_PASSWORD), 429);
    }

    @Test
    void aSuccessfulLoginForgetsTheFailuresBeforeIt() {
        int limit = ConfigProvider.getConfig().getValue("checkin.auth.max-failed-logins", Integer.class);
        Api.Staff staff = Api.tracer();
        for (int round = 0; round < 3; round++) {
            for (int i = 1; i < limit; i++) {
                login(staff.username(), "wrong-" + i).then().statusCode(401);
            }
            login(staff.username(), Api.STAFF_PASSWORD).then().statusCode(200);
        }
    }

    private static Response login(String username, String password) {
        return Http.anonymous().body(Map.of("username", username, "password", password)).post("/api/v1/auth/token");
    }
}
