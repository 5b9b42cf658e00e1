package io.boss.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.DataSize;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDataSize;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.util.concurrent.TimeUnit;

/** Settings of the HTTP API. */
public class ApiSettings {

    /** Maximum size of a request body; a larger body is rejected with 413 before it is parsed. */
    @NotNull
    @MinDataSize(1024)
    private DataSize maxRequestBytes = DataSize.mebibytes(1);

    /** Interval between BOOKMARK events on an open watch. */
    @NotNull
    @MinDuration(value = 100, unit = TimeUnit.MILLISECONDS)
    private Duration bookmarkInterval = Duration.seconds(10);

    /** Maximum attempts of an update without resourceVersion when concurrent writers keep winning. */
    @Min(1)
    @Max(100)
    private int maxUpdateAttempts = 5;

    @JsonProperty
    public DataSize getMaxRequestBytes() {
        return maxRequestBytes;
    }

    @JsonProperty
    public void setMaxRequestBytes(DataSize maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    @JsonProperty
    public Duration getBookmarkInterval() {
        return bookmarkInterval;
    }

    @JsonProperty
    public void setBookmarkInterval(Duration bookmarkInterval) {
        this.bookmarkInterval = bookmarkInterval;
    }

    @JsonProperty
    public int getMaxUpdateAttempts() {
        return maxUpdateAttempts;
    }

    @JsonProperty
    public void setMaxUpdateAttempts(int maxUpdateAttempts) {
        this.maxUpdateAttempts = maxUpdateAttempts;
    }
}
