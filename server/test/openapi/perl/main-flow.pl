#!/usr/bin/env perl
# The main booking flow through a client generated at run time from /openapi.json by Perl's
# OpenAPI::Client (Debian: libopenapi-client-perl). Nothing here knows the API but the spec:
# operations are called by operationId, and the client validates every request against it.
# Usage: perl main-flow.pl <spec url> <api base url>; prints one line per step, exits non-zero on failure.
use strict;
use warnings;
use OpenAPI::Client;
use Mojo::URL;
use POSIX qw(strftime);

my ($spec_url, $base) = @ARGV;
die "usage: main-flow.pl <spec url> <base url>\n" unless $spec_url && $base;

my $client = OpenAPI::Client->new($spec_url);
$client->base_url(Mojo::URL->new($base));
my $token;
$client->ua->on(start => sub {
  my ($ua, $tx) = @_;
  $tx->req->headers->authorization("Bearer $token") if $token;
});

# Calls an operation and insists on the status; returns the decoded body (or the raw text).
sub call {
  my ($op, $args, $want) = @_;
  my $tx = $client->$op($args);
  my $res = $tx->res;
  my $code = $res->code // 0;
  if ($code != $want) {
    my $errors = $res->json && $res->json->{errors} ? join('; ', map { "$_->{path} $_->{message}" } @{ $res->json->{errors} }) : '';
    die "$op: expected $want, got $code " . ($res->body // '') . " $errors\n";
  }
  print "ok $op $code " . ($res->headers->header('X-Request-Id') // '-') . "\n";
  return ($res->headers->content_type // '') =~ /json/ ? $res->json : $res->body;
}

my $tag = time() . $$;
my $day = sub { strftime('%Y-%m-%d', gmtime(time() + $_[0] * 86400)) };

my $session = call('authSignup', { body => {
  email => "perl-$tag\@example.com", password => 'correct horse battery', name => 'Perl Owner',
  businessName => "Perl Studio $tag", timeZone => 'Europe/London',
} }, 201);
$token = $session->{tokens}{accessToken};
my $slug = $session->{tenant}{slug};

my $provider = call('adminProvidersCreate', { body => { name => 'Robin' } }, 201);
my $service = call('adminServicesCreate', { body => {
  name => 'Massage', durationMinutes => 60, priceCents => 6000, providerIds => [ $provider->{id} ],
} }, 201);
call('adminSchedulesPutHours', { id => $provider->{id}, body => {
  intervals => [ map { { weekday => $_, startTime => '09:00', endTime => '18:00' } } 1 .. 7 ],
} }, 200);

# Customers book anonymously: the dates are computed now, the time comes from availability.
$token = undef;
my $availability = call('publicAvailabilityGet', {
  slug => $slug, serviceId => $service->{id}, from => $day->(1), to => $day->(7), timezone => 'Europe/London',
}, 200);
my ($slot) = map { @{ $_->{slots} } } @{ $availability->{days} };
die "no free slot in the next 7 days\n" unless $slot;

my $booking = call('publicBookingsCreate', { slug => $slug, body => {
  serviceId => $service->{id}, start => $slot->{start}, timeZone => 'Europe/London',
  customer => { name => 'Ada Lovelace', email => "ada-$tag\@example.com" },
} }, 201);
my $manage = call('publicManageGet', { token => $booking->{manageToken} }, 200);
die "manage link shows another booking\n" unless $manage->{booking}{id} eq $booking->{id};
my $ics = call('publicManageCalendar', { token => $booking->{manageToken} }, 200);
die "not an iCalendar file\n" unless $ics =~ /^BEGIN:VCALENDAR/;
my $cancelled = call('publicManageCancel', { token => $booking->{manageToken}, body => { reason => 'Plans changed' } }, 200);
die "not cancelled: $cancelled->{booking}{status}\n" unless $cancelled->{booking}{status} eq 'cancelled';

$token = $session->{tokens}{accessToken};
my $page = call('adminBookingsList', { status => ['cancelled'], limit => 10 }, 200);
die "cancelled booking not listed\n" unless grep { $_->{id} eq $booking->{id} } @{ $page->{items} };
my $missing = $client->publicManageGet({ token => 'x' x 32 });
die "unknown link: expected 404\n" unless $missing->res->code == 404 && $missing->res->json->{error}{code} eq 'not_found';
print "ok flow booking=$booking->{id} code=$booking->{code}\n";
