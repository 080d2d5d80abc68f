package vn.checkin.common;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.All;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TimeZone;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs every {@link ClusteredJob} once per firing across all instances sharing the database: Quartz in clustered
 * mode on its JDBC store (tables from Flyway, V13), taking connections from the service's own pool. An instance that
 * stops checking in for {@code checkin.jobs.cluster-checkin-interval} (plus Quartz's margin) loses the firings it
 * had claimed to another instance. A job does not run twice at once anywhere in the cluster.
 * <p>
 * Each start schedules the jobs it knows, leaving a trigger alone when its schedule is unchanged (so a restarting
 * instance does not push the next firing back), and replacing it otherwise. Runs are counted per job in
 * {@code checkin_job_runs_total}. {@code checkin.jobs.enabled=false} (the tests) starts no scheduler.
 */
@ApplicationScoped
public class ClusteredJobs {

    private static final Logger LOG = Logger.getLogger(ClusteredJobs.class);
    private static final String STORE = "checkin";
    private static final String GROUP = "checkin";

    private final Map<String, ClusteredJob> jobs;
    private final AgroalDataSource dataSource;
    private final DatabaseKind database;
    private final MeterRegistry meters;
    private final boolean enabled;
    private final Duration checkinInterval;
    private volatile Scheduler scheduler;

    ClusteredJobs(@All List<ClusteredJob> jobs, AgroalDataSource dataSource, DatabaseKind database, MeterRegistry meters,
                  CheckinConfig config) {
        this.jobs = jobs.stream().collect(Collectors.toMap(ClusteredJob::jobName, Function.identity()));
        this.dataSource = dataSource;
        this.database = database;
        this.meters = meters;
        this.enabled = config.jobs().enabled();
        this.checkinInterval = config.jobs().clusterCheckinInterval();
    }

    void onStart(@Observes StartupEvent event) throws SchedulerException {
        if (!enabled) {
            return;
        }
        DBConnectionManager.getInstance().addConnectionProvider(STORE, new Pool(dataSource));
        StdSchedulerFactory factory = new StdSchedulerFactory(properties());
        Scheduler started = factory.getScheduler();
        started.setJobFactory((bundle, ignored) -> new Firing(this, bundle.getJobDetail().getKey().getName()));
        for (ClusteredJob job : jobs.values()) {
            schedule(started, job);
        }
        started.start();
        scheduler = started;
    }

    void onStop(@Observes ShutdownEvent event) throws SchedulerException {
        Scheduler running = scheduler;
        if (running != null) {
            running.shutdown(true);
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "checkin");
        p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", database.isPostgres()
                ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate" : "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
        p.setProperty("org.quartz.jobStore.dataSource", STORE);
        p.setProperty("org.quartz.jobStore.tablePrefix", "qrtz_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", Long.toString(checkinInterval.toMillis()));
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        return p;
    }

    private static void schedule(Scheduler scheduler, ClusteredJob job) throws SchedulerException {
        JobKey key = JobKey.jobKey(job.jobName(), GROUP);
        TriggerKey triggerKey = TriggerKey.triggerKey(job.jobName(), GROUP);
        Optional<ClusteredJob.Schedule> schedule = job.schedule();
        if (schedule.isEmpty()) {
            scheduler.deleteJob(key);
            return;
        }
        Trigger stored = scheduler.getTrigger(triggerKey);
        if (stored != null && sameSchedule(stored, schedule.get())) {
            return;
        }
        JobDetail detail = JobBuilder.newJob(Firing.class).withIdentity(key).storeDurably().build();
        scheduler.scheduleJob(detail, java.util.Set.of(trigger(triggerKey, schedule.get())), true);
        LOG.infof("Scheduled job %s: %s", job.jobName(), describe(schedule.get()));
    }

    private static Trigger trigger(TriggerKey key, ClusteredJob.Schedule schedule) {
        TriggerBuilder<Trigger> builder = TriggerBuilder.newTrigger().withIdentity(key);
        if (schedule.cron() != null) {
            return builder.withSchedule(CronScheduleBuilder.cronSchedule(schedule.cron())
                    .inTimeZone(TimeZone.getTimeZone(schedule.zone())).withMisfireHandlingInstructionFireAndProceed())
                    .build();
        }
        return builder.startAt(new Date(System.currentTimeMillis() + schedule.delay().toMillis()))
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(schedule.every().toMillis())
                        .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
    }

    private static boolean sameSchedule(Trigger stored, ClusteredJob.Schedule schedule) {
        if (stored instanceof CronTrigger cron) {
            return cron.getCronExpression().equals(schedule.cron())
                    && cron.getTimeZone().toZoneId().equals(schedule.zone());
        }
        return stored instanceof SimpleTrigger simple && schedule.every() != null
                && simple.getRepeatInterval() == schedule.every().toMillis();
    }

    private static String describe(ClusteredJob.Schedule schedule) {
        return schedule.cron() != null ? "cron " + schedule.cron() + " " + schedule.zone()
                : "every " + schedule.every() + ", first after " + schedule.delay();
    }

    private void fire(String name, Date scheduledFor) {
        ClusteredJob job = jobs.get(name);
        if (job == null) {
            // Scheduled by a newer version sharing the store: it will run it.
            LOG.debugf("Job %s is not known to this version", name);
            return;
        }
        // Each firing has one scheduled time: deploy/two-replicas.sh checks no two instances log the same one.
        LOG.debugf("Job %s runs its firing of %s", name, scheduledFor == null ? "?" : scheduledFor.toInstant());
        long started = System.nanoTime();
        try {
            job.run();
            meters.counter("checkin_job_runs", "job", name, "outcome", "done").increment();
            LOG.debugf("Job %s ran in %d ms", name, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            meters.counter("checkin_job_runs", "job", name, "outcome", "failed").increment();
            LOG.errorf("Job %s failed: %s", name, e.getClass().getName());
        }
    }

    /** One firing of a job: Quartz creates it, it runs the job bean of that name. */
    @DisallowConcurrentExecution
    public static final class Firing implements Job {
        private final ClusteredJobs jobs;
        private final String name;

        Firing(ClusteredJobs jobs, String name) {
            this.jobs = jobs;
            this.name = name;
        }

        @Override
        public void execute(JobExecutionContext context) {
            jobs.fire(name, context.getScheduledFireTime());
        }
    }

    /** Quartz's connections come from the service's pool (outside any JTA transaction: the store commits itself). */
    private record Pool(AgroalDataSource dataSource) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return dataSource.getConnection();
        }

        @Override
        public void shutdown() {
            // The pool belongs to the service.
        }

        @Override
        public void initialize() {
            // Nothing to set up.
        }
    }
}
