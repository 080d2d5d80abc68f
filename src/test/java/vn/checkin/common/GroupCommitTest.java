package vn.checkin.common;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.checkin.site.Site;
import vn.checkin.support.Api;
import vn.checkin.support.Http;
import vn.checkin.support.Visits;
import vn.checkin.visit.CheckinService;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static vn.checkin.visit.VisitRequests.CheckinRequest;
import static vn.checkin.visit.VisitRequests.DeclarationInput;
import static vn.checkin.visit.VisitRequests.VisitorInput;

/**
 * Works queued while a leader is busy are stored by one commit; a refused or broken work fails alone, a work that
 * lost a race runs again, a waiter gives up in bounded time. Each test holds the first caller's work until the
 * others are queued behind it, so the batch is known.
 */
@QuarkusTest
class GroupCommitTest {

    @Inject
    GroupCommit groupCommit;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    EntityManager em;

    @Inject
    CheckinService checkins;

    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private final CountDownLatch leaderStarted = new CountDownLatch(1);
    private final CountDownLatch releaseLeader = new CountDownLatch(1);

    @AfterEach
    void stopCallers() {
        releaseLeader.countDown();
        callers.shutdownNow();
    }

    @Test
    void worksQueuedBehindALeaderShareOneTransaction() throws Exception {
        Future<Object> leader = holdTheLeader();
        List<Future<Object>> queued = queue(5, i -> this::transactionKey);

        releaseLeader.countDown();

        Object leadersTransaction = leader.get(10, TimeUnit.SECONDS);
        List<Object> keys = new ArrayList<>();
        for (Future<Object> caller : queued) {
            keys.add(caller.get(10, TimeUnit.SECONDS));
        }
        assertThat(keys).doesNotContainNull().containsOnly(keys.get(0)).doesNotContain(leadersTransaction);
    }

    @Test
    void aRefusedWorkFailsAloneAndTheOthersOfItsBatchAreStored() throws Exception {
        String first = Api.unique("gc-a");
        String second = Api.unique("gc-b");
        holdTheLeader();
        List<Future<Object>> queued = queue(3, i -> switch (i) {
            case 0 -> () -> persistSite(first);
            case 1 -> () -> {
                throw ApiException.badRequest("refused", "Refused by the test.");
            };
            default -> () -> persistSite(second);
        });

        releaseLeader.countDown();

        assertThat(queued.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(first);
        assertThatThrownBy(() -> queued.get(1).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ApiException.class);
        assertThat(queued.get(2).get(10, TimeUnit.SECONDS)).isEqualTo(second);
        assertThat(sitesWithCode(first)).isOne();
        assertThat(sitesWithCode(second)).isOne();
    }

    @Test
    void aWorkThatBreaksAConstraintIsRunAgainAloneAndOnlyItFails() throws Exception {
        String code = Api.unique("gc-dup");
        String other = Api.unique("gc-other");
        holdTheLeader();
        List<Future<Object>> queued = queue(3, i -> switch (i) {
            case 0 -> () -> persistSite(code);
            case 1 -> () -> persistSite(code);
            default -> () -> persistSite(other);
        });

        releaseLeader.countDown();

        assertThat(queued.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(code);
        assertThatThrownBy(() -> queued.get(1).get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isNotInstanceOf(ApiException.class);
        assertThat(queued.get(2).get(10, TimeUnit.SECONDS)).isEqualTo(other);
        assertThat(sitesWithCode(code)).isOne();
        assertThat(sitesWithCode(other)).isOne();
    }

    @Test
    void aWorkThatFailsOtherwiseFailsAloneAndTheOthersOfItsBatchAreStored() throws Exception {
        String code = Api.unique("gc-lost");
        AtomicInteger runs = new AtomicInteger();
        holdTheLeader();
        IllegalStateException broken = new IllegalStateException("this work is broken");
        List<Future<Object>> queued = queue(2, i -> i == 0
                ? () -> {
                    runs.incrementAndGet();
                    return persistSite(code);
                }
                : () -> {
                    throw broken;
                });

        releaseLeader.countDown();

        assertThat(queued.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(code);
        assertThatThrownBy(() -> queued.get(1).get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isSameAs(broken);
        assertThat(runs).as("run in the batch, then again alone").hasValue(2);
        assertThat(sitesWithCode(code)).isOne();
    }

    @Test
    void aWorkThatLosesARaceIsRunAgainAloneUntilItWins() {
        AtomicInteger runs = new AtomicInteger();
        String code = Api.unique("gc-race");

        Object stored = groupCommit.run(() -> {
            if (runs.incrementAndGet() < 3) {
                throw lostRace();
            }
            return persistSite(code);
        });

        assertThat(stored).isEqualTo(code);
        assertThat(runs).hasValue(3);
        assertThat(sitesWithCode(code)).isOne();
    }

    @Test
    void aWorkThatKeepsBreakingAKeyGetsItsFailureAfterTheLastAttempt() {
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> groupCommit.run(() -> {
            runs.incrementAndGet();
            throw lostRace();
        })).hasRootCauseInstanceOf(SQLException.class);
        assertThat(runs).hasValue(GroupCommit.MAX_ATTEMPTS);
    }

    @Test
    void aWaiterGivesUpWith503AfterItsBoundedWaitAndItsWorkNeverRuns() throws Exception {
        GroupCommit shortWait = new GroupCommit(em, Duration.ofMillis(300));
        CountDownLatch leading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Object> leader = callers.submit(() -> shortWait.run(() -> {
            leading.countDown();
            await(release);
            return "leader";
        }));
        assertThat(leading.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicInteger waiterRuns = new AtomicInteger();
        long started = System.nanoTime();

        assertThatThrownBy(() -> shortWait.run(() -> waiterRuns.incrementAndGet()))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.type()).isEqualTo("busy");
                    assertThat(e.retryAfter()).isPositive();
                });
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        release.countDown();

        assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo("leader");
        assertThat(waitedMillis).isBetween(250L, 5_000L);
        assertThat(waiterRuns).as("an abandoned work is never run").hasValue(0);
        assertThat(shortWait.queued()).isZero();
    }

    @Test
    void anInterruptedWaiterGivesUpAtOnceAndKeepsItsInterrupt() throws Exception {
        holdTheLeader();
        CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
        AtomicInteger runs = new AtomicInteger();
        Thread waiter = new Thread(() -> {
            try {
                groupCommit.run(() -> runs.incrementAndGet());
                interruptedAfter.completeExceptionally(new AssertionError("the waiter was answered"));
            } catch (ApiException e) {
                interruptedAfter.complete(Thread.currentThread().isInterrupted() && e.status() == 503);
            }
        });
        waiter.start();
        waitUntilQueued(1);
        long started = System.nanoTime();
        waiter.interrupt();

        assertThat(interruptedAfter.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(2_000);
        releaseLeader.countDown();
        waiter.join(5_000);
        assertThat(runs).hasValue(0);
    }

    @Test
    void worksRunWithoutTheLeadersRequestContext() throws Exception {
        ManagedContext requests = Arc.container().requestContext();
        List<Boolean> seen = new CopyOnWriteArrayList<>();
        Future<Boolean> afterwards = callers.submit(() -> {
            requests.activate();
            try {
                groupCommit.run(() -> seen.add(requests.isActive()));
                return requests.isActive();
            } finally {
                requests.terminate();
            }
        });

        assertThat(afterwards.get(10, TimeUnit.SECONDS)).as("the leader's own context comes back").isTrue();
        assertThat(seen).containsExactly(false);
    }

    @Test
    void aPreparationIsCalledOnceForItsBatchWithEveryKeyBeforeTheWorks() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        GroupCommit.Preparation<String> preparation = keys -> calls.add("prepare " + keys + " in " + transactionKey());
        holdTheLeader();
        List<Future<Object>> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String key = "k" + i;
            queued.add(callers.submit(() -> groupCommit.run(() -> {
                calls.add("work " + key + " in " + transactionKey());
                return key;
            }, preparation, key)));
            waitUntilQueued(i + 1);
        }
        queued.add(callers.submit(() -> groupCommit.run(() -> {
            calls.add("unprepared work");
            return "none";
        })));
        waitUntilQueued(4);

        releaseLeader.countDown();

        for (Future<Object> caller : queued) {
            caller.get(10, TimeUnit.SECONDS);
        }
        String transaction = calls.get(0).substring(calls.get(0).indexOf(" in ") + 4);
        assertThat(calls).containsExactly("prepare [k0, k1, k2] in " + transaction, "work k0 in " + transaction,
                "work k1 in " + transaction, "work k2 in " + transaction, "unprepared work");
    }

    @Test
    void aWorkRunAgainAloneIsPreparedAgainAlone() throws Exception {
        String code = Api.unique("gc-prep");
        List<List<String>> prepared = new CopyOnWriteArrayList<>();
        GroupCommit.Preparation<String> preparation = prepared::add;
        holdTheLeader();
        List<Future<Object>> queued = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String key = "k" + i;
            queued.add(callers.submit(() -> groupCommit.run(() -> persistSite(code), preparation, key)));
            waitUntilQueued(i + 1);
        }

        releaseLeader.countDown();

        assertThat(queued.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(code);
        assertThatThrownBy(() -> queued.get(1).get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        // k1 breaks the code's unique key: it is run again alone until its last attempt, prepared each time.
        List<List<String>> expected = new ArrayList<>(List.of(List.of("k0", "k1"), List.of("k0")));
        for (int attempt = 0; attempt < GroupCommit.MAX_ATTEMPTS; attempt++) {
            expected.add(List.of("k1"));
        }
        assertThat(prepared).containsExactlyElementsOf(expected);
    }

    @Test
    void concurrentCheckinsAreEachStoredOnceAndForgedCodesRefused() throws Exception {
        Api.TestSite site = Api.createSite();
        String url = site.checkinUrl();
        int signature = url.indexOf("s=") + 2;
        String forged = url.substring(0, signature) + (url.charAt(signature) == 'A' ? 'B' : 'A')
                + url.substring(signature + 1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String qr = i % 10 == 9 ? forged : site.checkinUrl();
            answers.add(callers.submit(() -> given().contentType(ContentType.JSON)
                    .body(Api.checkinBody(qr, "Khách đồng thời", Api.randomPhone()))
                    .post("/api/v1/checkins").statusCode()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get(60, TimeUnit.SECONDS));
        }

        assertThat(statuses).filteredOn(s -> s == 201).hasSize(36);
        assertThat(statuses).filteredOn(s -> s == 400).hasSize(4);
        int total = given().auth().oauth2(Api.adminToken()).accept(ContentType.JSON)
                .get("/api/v1/sites/" + site.id() + "/visits").then().statusCode(200).extract().path("total");
        assertThat(total).isEqualTo(36);
    }

    @Test
    void checkinsOfOnePersonInOneBatchCloseEachOtherAndTheirEarlierStaysInArrivalOrder() throws Exception {
        Api.TestSite site = Api.createSite();
        Api.TestSite elsewhere = Api.createSite();
        String phone = Api.randomPhone();
        String idNumber = Visits.randomIdNumber();
        String before = Api.checkin(site, "Trước Giờ Cao Điểm", phone).path("visitId");
        String otherSite = Api.checkin(elsewhere, "Trước Giờ Cao Điểm", phone).path("visitId");
        String byIdBefore = checkinWithId(site, Api.randomPhone(), idNumber);
        holdTheLeader();
        List<Future<UUID>> batch = new ArrayList<>();
        String[][] arrivals = {
                {phone, null}, {Api.randomPhone(), idNumber}, {"+84 " + phone.substring(1), null},
                {Api.randomPhone(), null}};
        for (String[] arrival : arrivals) {
            CheckinRequest request = new CheckinRequest(site.checkinUrl(),
                    new VisitorInput("Giờ Cao Điểm", arrival[0], arrival[1], 1990, null, null), null, null,
                    new DeclarationInput(null, List.of(), false, false, null, null), true);
            batch.add(callers.submit(() -> checkins.checkin(request, null, "192.0.2." + batch.size()).response()
                    .visitId()));
            waitUntilQueued(batch.size());
        }

        releaseLeader.countDown();

        List<String> ids = new ArrayList<>();
        for (Future<UUID> arrival : batch) {
            ids.add(arrival.get(10, TimeUnit.SECONDS).toString());
        }
        for (String closed : List.of(before, byIdBefore, ids.get(0))) {
            Http.asAdmin().get("/api/v1/visits/{id}", closed).then().statusCode(200)
                    .body("status", equalTo("CHECKED_OUT")).body("checkoutSource", equalTo("AUTO"));
        }
        for (String open : List.of(otherSite, ids.get(1), ids.get(2), ids.get(3))) {
            Http.asAdmin().get("/api/v1/visits/{id}", open).then().statusCode(200).body("status", equalTo("ON_SITE"));
        }
        String firstArrival = Http.asAdmin().get("/api/v1/visits/{id}", ids.get(0)).then().extract().path("checkedInAt");
        Http.asAdmin().get("/api/v1/visits/{id}", before).then().body("checkedOutAt", equalTo(firstArrival));
        Http.asAdmin().get("/api/v1/sites/{id}/occupancy", site.id()).then().statusCode(200).body("onSite", equalTo(3));
    }

    // --- helpers --------------------------------------------------------------------------------------------

    /** A caller whose work, run first and alone, waits until the test releases it. */
    private Future<Object> holdTheLeader() throws InterruptedException {
        Future<Object> leader = callers.submit(() -> groupCommit.run(() -> {
            leaderStarted.countDown();
            awaitRelease();
            return transactionKey();
        }));
        assertThat(leaderStarted.await(10, TimeUnit.SECONDS)).isTrue();
        return leader;
    }

    private List<Future<Object>> queue(int count, IntFunction<Supplier<Object>> works) {
        List<Future<Object>> queued = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Supplier<Object> work = works.apply(i);
            int expected = i + 1;
            queued.add(callers.submit((Callable<Object>) () -> groupCommit.run(work)));
            waitUntilQueued(expected);
        }
        return queued;
    }

    private void waitUntilQueued(int expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (groupCommit.queued() != expected) {
            assertThat(System.nanoTime()).as("callers queued: %d", groupCommit.queued()).isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static RuntimeException lostRace() {
        return new org.hibernate.exception.ConstraintViolationException("taken by a concurrent transaction",
                new SQLException("duplicate key", "23505"), "ux_test");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitRelease() {
        try {
            if (!releaseLeader.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the leader");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Object transactionKey() {
        return transactions.getTransactionKey();
    }

    private String persistSite(String code) {
        Site site = new Site();
        site.id = UUID.randomUUID();
        site.code = code;
        site.name = "Nhóm ghi " + code;
        site.timeZone = "Asia/Ho_Chi_Minh";
        site.defaultStayMinutes = 240;
        site.qrVersion = 1;
        site.active = true;
        site.createdAt = Instant.now();
        site.updatedAt = site.createdAt;
        em.persist(site);
        return code;
    }

    private static String checkinWithId(Api.TestSite site, String phone, String idNumber) {
        Map<String, Object> body = Api.checkinBody(site.checkinUrl(), "Tạ Văn Căn Cước", phone);
        @SuppressWarnings("unchecked")
        Map<String, Object> visitor = (Map<String, Object>) body.get("visitor");
        visitor.put("idNumber", idNumber);
        return Http.anonymous().body(body).post("/api/v1/checkins").then().statusCode(201).extract().path("visitId");
    }

    private long sitesWithCode(String code) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select count(s) from Site s where s.code = :code", Long.class).setParameter("code", code)
                .getSingleResult());
    }
}
