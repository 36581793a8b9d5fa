package io.rio.sample;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user account created by the {@link Signup} workflow; its id is the workflow key. */
@Entity
@Table(name = "sample_account")
public class Account {

    @Id
    @Column(name = "user_id", length = 128)
    private String userId;

    @Column(name = "email", nullable = false, length = 256)
    private String email;

    @Column(name = "verified", nullable = false)
    private boolean verified;

    protected Account() {
    }

    public Account(String userId, String email) {
        this.userId = userId;
        this.email = email;
    }

    public String getUserId() {
        return userId;
    }

    public String getEmail() {
        return email;
    }

    public boolean isVerified() {
        return verified;
    }

    public void setVerified(boolean verified) {
        this.verified = verified;
    }
}
