package io.rio.sample;

/**
 * Input of {@link Payment#pay}: which payment and how much (in cents). A mutable JavaBean so that
 * JSON-B can bind it.
 */
public class PaymentRequest {
    private String paymentId;
    private long amountCents;

    public PaymentRequest() {
    }

    public PaymentRequest(String paymentId, long amountCents) {
        this.paymentId = paymentId;
        this.amountCents = amountCents;
    }

    public String getPaymentId() {
        return paymentId;
    }

    public void setPaymentId(String paymentId) {
        this.paymentId = paymentId;
    }

    public long getAmountCents() {
        return amountCents;
    }

    public void setAmountCents(long amountCents) {
        this.amountCents = amountCents;
    }
}
