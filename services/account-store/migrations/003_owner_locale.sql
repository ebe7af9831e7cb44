-- The language the customer's owner reads (customer-profiles `owner.locale`): the account page
-- shows that customer in it unless the reader chose another.
alter table customer_profile add column owner_locale text;
