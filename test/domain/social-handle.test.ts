import { describe, expect, it } from 'vitest';
import { SOCIAL_PLATFORMS, type SocialPlatform } from '../../src/db/schema';
import { PLATFORM_LABELS, parseHandle, profileUrl } from '../../src/domain/social-handle';

function accepted(platform: SocialPlatform, input: string) {
  const result = parseHandle(platform, input);
  if (!result.ok) throw new Error(`expected ${input} to be accepted: ${result.message}`);
  return result.value;
}

function refused(platform: SocialPlatform, input: string) {
  const result = parseHandle(platform, input);
  if (result.ok) throw new Error(`expected ${input} to be refused, got ${result.value.handle}`);
  return result;
}

describe('PLATFORM_LABELS', () => {
  it('names every platform the way the platform writes its own name', () => {
    expect(PLATFORM_LABELS).toEqual({
      instagram: 'Instagram',
      bluesky: 'Bluesky',
      mastodon: 'Mastodon',
      x: 'X',
      tiktok: 'TikTok',
      facebook: 'Facebook',
      sandbox: 'Sandbox',
    });
  });
});

describe('parseHandle: empty input', () => {
  it.each(SOCIAL_PLATFORMS)(
    'asks for a %s username when nothing or only @ was typed',
    (platform) => {
      for (const input of ['', '   ', '@', ' @ ']) {
        const result = refused(platform, input);

        expect(result.reason).toBe('empty');
        expect(result.message).toContain(PLATFORM_LABELS[platform]);
      }
    },
  );
});

describe('parseHandle: Instagram', () => {
  it('accepts a username with a leading @ and spaces, lower-cased', () => {
    const value = accepted('instagram', '  @Jane.Doe_99 ');

    expect(value).toEqual({ handle: 'jane.doe_99', display: '@jane.doe_99' });
  });

  it('accepts 30 characters and refuses 31', () => {
    expect(accepted('instagram', 'a'.repeat(30)).handle).toHaveLength(30);
    expect(refused('instagram', 'a'.repeat(31)).reason).toBe('invalid');
  });

  it.each(['.jane', 'jane.', 'jane..doe', 'jane-doe', 'jane doe', 'jané'])(
    'refuses %j with a message that names the allowed characters',
    (input) => {
      const result = refused('instagram', input);

      expect(result.reason).toBe('invalid');
      expect(result.message).toContain('periods and underscores');
    },
  );

  it.each([
    'https://instagram.com/jane.doe',
    'https://www.instagram.com/jane.doe/',
    'instagram.com/jane.doe',
    'https://www.instagram.com/jane.doe/?igsh=abc123',
  ])('reads the username from the profile link %s', (input) => {
    expect(accepted('instagram', input).handle).toBe('jane.doe');
  });

  it.each(['https://www.instagram.com/p/C1abc/', 'https://www.instagram.com/explore'])(
    'refuses the non-profile link %s and asks for the username',
    (input) => {
      expect(refused('instagram', input).message).toBe(
        'That link is not a profile on Instagram. Please type your username.',
      );
    },
  );

  it('refuses a profile link of another platform', () => {
    expect(refused('instagram', 'https://x.com/jane').reason).toBe('invalid');
  });
});

describe('parseHandle: X', () => {
  it('keeps the typed capitals for display but stores the handle lower-cased', () => {
    expect(accepted('x', '@JaneDoe_')).toEqual({ handle: 'janedoe_', display: '@JaneDoe_' });
  });

  it('accepts the short names of older accounts and refuses 16 characters', () => {
    expect(accepted('x', 'ab').handle).toBe('ab');
    expect(accepted('x', 'a'.repeat(15)).handle).toHaveLength(15);
    expect(refused('x', 'a'.repeat(16)).message).toContain('up to 15');
  });

  it.each(['jane.doe', 'jane-doe', 'jäne'])('refuses %j', (input) => {
    expect(refused('x', input).reason).toBe('invalid');
  });

  it.each(['https://x.com/JaneDoe', 'https://twitter.com/JaneDoe', 'mobile.twitter.com/JaneDoe'])(
    'reads the username from %s',
    (input) => {
      expect(accepted('x', input).handle).toBe('janedoe');
    },
  );

  it.each(['https://x.com/home', 'https://x.com/JaneDoe/status/123', 'https://x.com/'])(
    'refuses the non-profile link %s',
    (input) => {
      expect(refused('x', input).reason).toBe('invalid');
    },
  );
});

describe('parseHandle: Bluesky', () => {
  it('reads a bare name as a bsky.social handle', () => {
    expect(accepted('bluesky', '@Jane')).toEqual({
      handle: 'jane.bsky.social',
      display: '@jane.bsky.social',
    });
  });

  it.each(['jane.bsky.social', 'Jane.Example.COM', 'xn--bcher-kva.de', 'a.co'])(
    'accepts the domain handle %s, lower-cased',
    (input) => {
      expect(accepted('bluesky', input).handle).toBe(input.toLowerCase());
    },
  );

  it.each([
    ['a label starting with a hyphen', '-jane.bsky.social'],
    ['a label ending with a hyphen', 'jane-.bsky.social'],
    ['an underscore', 'jane_doe.bsky.social'],
    ['a numeric top-level domain', 'jane.123'],
    ['a top-level domain starting with a digit', 'jane.1com'],
    ['an empty label', 'jane..bsky.social'],
    ['a trailing dot', 'jane.bsky.social.'],
    ['a reserved top-level domain', 'jane.local'],
    ['a label of 64 characters', `${'a'.repeat(64)}.com`],
    ['more than 253 characters', `${'abcdefghi.'.repeat(25)}comm`],
  ])('refuses a handle with %s', (_, input) => {
    const result = refused('bluesky', input);

    expect(result.reason).toBe('invalid');
    expect(result.message).toContain('name.bsky.social');
  });

  it('accepts a label of 63 characters', () => {
    expect(accepted('bluesky', `${'a'.repeat(63)}.com`).handle).toHaveLength(67);
  });

  it('reads the handle from a bsky.app profile link', () => {
    const value = accepted('bluesky', 'https://bsky.app/profile/jane.example.com');

    expect(value.handle).toBe('jane.example.com');
  });

  it('refuses a profile link that names an account by DID instead of handle', () => {
    const result = refused('bluesky', 'https://bsky.app/profile/did:plc:abc123');

    expect(result.reason).toBe('invalid');
  });
});

describe('parseHandle: Mastodon', () => {
  it('accepts name@server with or without a leading @', () => {
    expect(accepted('mastodon', 'jane@mastodon.social').handle).toBe('jane@mastodon.social');
    expect(accepted('mastodon', ' @Jane@Mastodon.Social ')).toEqual({
      handle: 'jane@mastodon.social',
      display: '@Jane@mastodon.social',
    });
  });

  it('asks for the server when only a name is given', () => {
    const result = refused('mastodon', '@jane');

    expect(result.message).toBe(
      'Mastodon usernames look like name@mastodon.social: include your server.',
    );
  });

  it.each([
    ['a dot in the name', 'jane.doe@mastodon.social'],
    ['a name of 31 characters', `${'a'.repeat(31)}@mastodon.social`],
    ['an empty name', '@@mastodon.social'],
    ['an IP address as server', 'jane@192.168.1.1'],
    ['a server without a dot', 'jane@localhost'],
    ['two servers', 'jane@a.social@b.social'],
    ['a port', 'jane@mastodon.social:443'],
  ])('refuses %s', (_, input) => {
    expect(refused('mastodon', input).reason).toBe('invalid');
  });

  it('stores an international server name in its ASCII form', () => {
    expect(accepted('mastodon', 'jane@bücher.de').handle).toBe('jane@xn--bcher-kva.de');
  });

  it('reads name and server from a profile link', () => {
    expect(accepted('mastodon', 'https://fosstodon.org/@jane').handle).toBe('jane@fosstodon.org');
  });

  it('reads the home server from a link to a remote profile', () => {
    const value = accepted('mastodon', 'https://mastodon.social/@jane@fosstodon.org');

    expect(value.handle).toBe('jane@fosstodon.org');
  });

  it('refuses a link to a post', () => {
    expect(refused('mastodon', 'https://mastodon.social/@jane/11223344').reason).toBe('invalid');
  });
});

describe('parseHandle: TikTok', () => {
  it('accepts 2 to 24 letters, numbers, underscores and periods', () => {
    expect(accepted('tiktok', '@Jo').handle).toBe('jo');
    expect(accepted('tiktok', 'jane.doe_24').display).toBe('@jane.doe_24');
    expect(accepted('tiktok', 'a'.repeat(24)).handle).toHaveLength(24);
  });

  it.each(['j', 'a'.repeat(25), 'jane.', 'jane-doe'])('refuses %j', (input) => {
    expect(refused('tiktok', input).message).toContain('2 to 24');
  });

  it('reads the username from a profile link', () => {
    expect(accepted('tiktok', 'https://www.tiktok.com/@jane.doe').handle).toBe('jane.doe');
  });

  it('refuses a TikTok link without an @ name', () => {
    expect(refused('tiktok', 'https://www.tiktok.com/foryou').reason).toBe('invalid');
  });
});

describe('parseHandle: Facebook', () => {
  it('accepts 5 to 50 letters, numbers and periods', () => {
    expect(accepted('facebook', 'Jane.Doe5')).toEqual({
      handle: 'jane.doe5',
      display: '@Jane.Doe5',
    });
    expect(accepted('facebook', 'a'.repeat(50)).handle).toHaveLength(50);
  });

  it.each(['jane', 'a'.repeat(51), 'jane_doe'])('refuses %j', (input) => {
    expect(refused('facebook', input).message).toContain('5 to 50');
  });

  it('reads the username from a profile link', () => {
    expect(accepted('facebook', 'https://www.facebook.com/jane.doe5').handle).toBe('jane.doe5');
  });

  it('refuses a numeric profile link, which has no username in it', () => {
    const result = refused('facebook', 'https://www.facebook.com/profile.php?id=1000123');

    expect(result.message).toContain('not a profile on Facebook');
  });
});

describe('parseHandle: Sandbox', () => {
  it('accepts hyphens and periods and lower-cases', () => {
    expect(accepted('sandbox', 'Test-Shopper.1').handle).toBe('test-shopper.1');
  });

  it('refuses 31 characters and any link', () => {
    expect(refused('sandbox', 'a'.repeat(31)).reason).toBe('invalid');
    expect(refused('sandbox', 'https://sandbox.example/jane').reason).toBe('invalid');
  });
});

describe('profileUrl', () => {
  it.each([
    ['instagram', 'jane.doe', 'https://www.instagram.com/jane.doe/'],
    ['bluesky', 'jane.bsky.social', 'https://bsky.app/profile/jane.bsky.social'],
    ['mastodon', 'jane@fosstodon.org', 'https://fosstodon.org/@jane'],
    ['x', 'janedoe', 'https://x.com/janedoe'],
    ['tiktok', 'jane.doe', 'https://www.tiktok.com/@jane.doe'],
    ['facebook', 'jane.doe5', 'https://www.facebook.com/jane.doe5'],
  ] as const)('links a %s handle to its public profile', (platform, handle, url) => {
    expect(profileUrl(platform, handle)).toBe(url);
  });

  it.each(SOCIAL_PLATFORMS.filter((p) => p !== 'sandbox'))(
    'gives a %s link that reads back as the same handle',
    (platform) => {
      const input = platform === 'mastodon' ? 'jane1doe@example.social' : 'jane1doe';
      const handle = accepted(platform, input).handle;

      const url = profileUrl(platform, handle) ?? '';

      expect(accepted(platform, url).handle).toBe(handle);
    },
  );

  it('has no address for the sandbox, whose location depends on the deployment', () => {
    expect(profileUrl('sandbox', 'jane')).toBeNull();
  });

  it('refuses to build a link from a handle that is not valid', () => {
    expect(profileUrl('x', 'jane/../../evil')).toBeNull();
    expect(profileUrl('mastodon', 'jane')).toBeNull();
  });
});
