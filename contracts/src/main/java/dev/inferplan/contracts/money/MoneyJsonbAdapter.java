package dev.inferplan.contracts.money;

import jakarta.json.bind.adapter.JsonbAdapter;

/** Money is a decimal string in JSON ({@code "3.0600"}), never a float that would lose digits. */
public final class MoneyJsonbAdapter implements JsonbAdapter<Money, String> {

    @Override
    public String adaptToJson(Money money) {
        return money.toString();
    }

    @Override
    public Money adaptFromJson(String decimal) {
        return Money.parse(decimal);
    }
}
