package io.lexvault.matters.numbers;

import io.lexvault.web.RequiresPermission;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The firm's matter number format, and the number the next matter would probably get. */
@RestController
class MatterNumbersApi {

    record FormatView(String format, boolean enforced, String next) {}

    record FormatRequest(@Nullable String format, @Nullable Boolean enforced) {}

    private final MatterNumbers numbers;

    MatterNumbersApi(MatterNumbers numbers) {
        this.numbers = numbers;
    }

    @GetMapping("/api/v1/firm/matter-number-format")
    @RequiresPermission("firm.settings.read")
    FormatView get() {
        var settings = numbers.settings();
        return new FormatView(settings.format().pattern(), settings.enforced(), numbers.suggestion());
    }

    /** Suggestion for forms: the number the next matter opened without one would probably get. */
    @GetMapping("/api/v1/matters/next-number")
    @RequiresPermission("matters.create")
    FormatView next() {
        return get();
    }

    @PutMapping("/api/v1/firm/matter-number-format")
    @RequiresPermission("firm.settings.manage")
    FormatView change(@RequestBody FormatRequest request) {
        numbers.change(request.format() == null ? "" : request.format(), Boolean.TRUE.equals(request.enforced()));
        return get();
    }
}
