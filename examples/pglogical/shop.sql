CREATE SCHEMA sales;
CREATE SCHEMA catalog;
CREATE SCHEMA audit;
CREATE SCHEMA ref;

CREATE TABLE ref.countries (code char(2) PRIMARY KEY, name text NOT NULL);

CREATE TABLE catalog.products (
    id serial PRIMARY KEY,
    sku text NOT NULL UNIQUE,
    name text NOT NULL,
    price_cents integer NOT NULL
);

CREATE TABLE sales.customers (
    id bigserial PRIMARY KEY,
    email text NOT NULL,
    region text NOT NULL,
    country char(2) REFERENCES ref.countries
);

CREATE TABLE sales.orders (
    id bigserial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES sales.customers,
    placed_at timestamptz NOT NULL DEFAULT now(),
    status text NOT NULL
);

CREATE TABLE sales.order_lines (
    order_id bigint NOT NULL REFERENCES sales.orders,
    line_no integer NOT NULL,
    product_id integer NOT NULL REFERENCES catalog.products,
    quantity integer NOT NULL,
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE sales.payments (
    id bigint GENERATED ALWAYS AS IDENTITY,
    paid_on date NOT NULL,
    order_id bigint NOT NULL,
    amount_cents integer NOT NULL,
    PRIMARY KEY (id, paid_on)
) PARTITION BY RANGE (paid_on);
CREATE TABLE sales.payments_2024 PARTITION OF sales.payments FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE sales.payments_2025 PARTITION OF sales.payments FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');

CREATE SEQUENCE sales.invoice_number_seq;

CREATE TABLE audit.events (
    at timestamptz NOT NULL DEFAULT now(),
    actor text NOT NULL,
    action text NOT NULL
);

INSERT INTO ref.countries VALUES ('GB', 'United Kingdom'), ('FR', 'France');
INSERT INTO catalog.products (sku, name, price_cents) VALUES ('TEA-1', 'Tea', 350), ('MUG-1', 'Mug', 900);
INSERT INTO sales.customers (email, region, country) VALUES ('a@example.com', 'eu', 'FR'), ('b@example.com', 'uk', 'GB');
INSERT INTO sales.orders (customer_id, status) VALUES (1, 'paid'), (2, 'open');
INSERT INTO sales.order_lines VALUES (1, 1, 1, 2), (1, 2, 2, 1), (2, 1, 1, 1);
INSERT INTO sales.payments (paid_on, order_id, amount_cents) VALUES ('2025-03-02', 1, 1600);
INSERT INTO audit.events (actor, action) VALUES ('ops', 'created the shop');
UPDATE sales.orders SET status = 'shipped' WHERE id = 1;
DELETE FROM sales.order_lines WHERE order_id = 2;
