package io.restock.kpis.dashboard;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The live dashboard: {@code GET /} sends the browser to {@code /dashboard/index.html} (a static page that polls
 * {@code /kpis}, {@code /kpis/timeline}, {@code /kpis/open-backorders}, {@code /lag} and {@code /services} every
 * 2 s and draws with uPlot, served from its WebJar); {@code GET /services} is the stream health of every service.
 */
@Controller
public final class DashboardController {

    private final ServiceProbe probe;

    public DashboardController(final ServiceProbe probe) {
        this.probe = probe;
    }

    @Get
    public HttpResponse<?> root() {
        return HttpResponse.seeOther(URI.create("/dashboard/index.html"));
    }

    @Get(uri = "/services", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public Map<String, List<ServiceProbe.ServiceHealth>> services() {
        return Map.of("services", probe.probeAll());
    }
}
