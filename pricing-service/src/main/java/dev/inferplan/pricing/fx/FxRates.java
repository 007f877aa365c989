package dev.inferplan.pricing.fx;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.inferplan.platform.problem.Problem.FieldError;
import dev.inferplan.platform.problem.ProblemException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The FX table (USD base). Imports read it once into their {@code ImportContext}; a non-USD price
 * without a rate is a rejected row: the price book never guesses an exchange rate.
 */
@ApplicationScoped
public class FxRates {

    public static final String USD = "USD";

    private final FxRateRepository rates;
    private final Clock clock;

    @Inject
    public FxRates(FxRateRepository rates) {
        this(rates, Clock.systemUTC());
    }

    FxRates(FxRateRepository rates, Clock clock) {
        this.rates = rates;
        this.clock = clock;
    }

    @Transactional
    public List<FxRate> list() {
        return rates.allByCurrency();
    }

    /** Sets (or replaces) a rate; answers true when the currency had none before. */
    @Transactional
    public boolean set(String currencyCode, String usdPerUnit, String setBy) {
        String currency = validCurrency(currencyCode);
        BigDecimal rate = validRate(usdPerUnit);
        Optional<FxRate> existing = rates.byCurrency(currency);
        existing.ifPresent(r -> r.set(rate, clock.instant(), setBy));
        if (existing.isEmpty()) {
            rates.add(new FxRate(currency, rate, clock.instant(), setBy));
        }
        return existing.isEmpty();
    }

    private static String validCurrency(String code) {
        String currency = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("Unknown currency.",
                    List.of(FieldError.field("currency", "'" + code + "' is not an ISO 4217 currency code")));
        }
        if (USD.equals(currency)) {
            throw ProblemException.unprocessable("USD is the base currency.",
                    List.of(FieldError.field("currency", "USD is the base: its rate is 1 by definition")));
        }
        return currency;
    }

    private static BigDecimal validRate(String usdPerUnit) {
        BigDecimal rate;
        try {
            rate = new BigDecimal(usdPerUnit == null ? "" : usdPerUnit.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.unprocessable("The rate is not a decimal number.",
                    List.of(FieldError.field("usdPerUnit", "expected a decimal string such as \"1.0843\"")));
        }
        if (rate.signum() <= 0 || rate.scale() > 10 || rate.precision() - rate.scale() > 10) {
            throw ProblemException.unprocessable("The rate is out of range.",
                    List.of(FieldError.field("usdPerUnit", "must be positive, at most 10 integer and 10 fractional digits")));
        }
        return rate;
    }
}
