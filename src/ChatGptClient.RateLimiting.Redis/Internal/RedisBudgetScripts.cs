namespace ChatGpt.RateLimiting.Redis.Internal;

/// <summary>
/// The server-side scripts that keep a rate budget in Redis: one hash per budget (a model group of an account), read,
/// refilled, taken from and written back in one atomic round trip. They apply the rules of the built-in in-process store
/// (<c>ChatGptInProcessRateBudgetStore</c>) step for step, so that a replica behaves the same with or without Redis.
/// </summary>
/// <remarks>
/// <para>Time is the Redis server's clock (<c>TIME</c>), which every replica shares, in seconds; tests pass their own
/// instant instead. A missing field is "unknown" (an unlimited bucket has no level). Numbers go back to the client as
/// strings: Redis would cut a Lua number to an integer. Every write renews the key's expiry, so a budget nobody uses
/// disappears and is relearned.</para>
/// <para>Per dimension (requests <c>r_</c>, tokens <c>t_</c>): <c>L</c> learned limit, <c>W</c> its window in seconds,
/// <c>la</c> when it was last confirmed, <c>a</c> the minute bucket, <c>b</c> the burst allowance's bucket, <c>bo</c>
/// when the allowance started growing, <c>th</c> throttled (a 429 stopped the growth), <c>lr</c> the last refill. Per
/// budget: <c>pu</c> paused until, <c>pr</c> probe granted until, <c>un</c> unlimited (the server reported no limits)
/// until.</para>
/// </remarks>
internal static class RedisBudgetScripts
{
    /// <summary>The functions both scripts share.</summary>
    private const string Prelude = """
        local unpack = unpack or table.unpack
        local EPS = 1e-6
        local INF = math.huge
        local DIMS = { 'r', 't' }
        local FIELDS = { 'L', 'W', 'la', 'a', 'b', 'bo', 'th', 'lr' }

        local function num(v)
          if v == nil or v == false or v == '' then return nil end
          return tonumber(v)
        end

        local function clock(arg)
          local n = tonumber(arg)
          if n ~= nil and n >= 0 then return n end
          local t = redis.call('TIME')
          return tonumber(t[1]) + tonumber(t[2]) / 1000000
        end

        local function load(key, cfgR, cfgT, growth)
          local names = { 'pu', 'pr', 'un' }
          for _, d in ipairs(DIMS) do
            for _, f in ipairs(FIELDS) do names[#names + 1] = d .. '_' .. f end
          end
          local values = redis.call('HMGET', key, unpack(names))
          local s = { key = key, pu = num(values[1]) or -INF, pr = num(values[2]) or -INF, un = num(values[3]) or -INF }
          local i = 4
          for _, d in ipairs(DIMS) do
            local dim = { growth = growth }
            for _, f in ipairs(FIELDS) do
              dim[f] = num(values[i])
              i = i + 1
            end
            dim.W = dim.W or 60
            dim.th = dim.th == 1
            dim.bo = dim.bo or 0
            dim.b = dim.b or 0
            dim.lr = dim.lr or 0
            dim.la = dim.la or 0
            s[d] = dim
          end
          s.r.cfg = cfgR
          s.t.cfg = cfgT
          return s
        end

        local function limited(d) return d.cfg ~= nil or d.L ~= nil end
        local function learned(d) return d.L ~= nil end
        local function capacity(d) return math.min(d.cfg or INF, d.L or INF) end
        local function rate(d)
          local c = INF
          local l = INF
          if d.cfg ~= nil then c = d.cfg / 60 end
          if d.L ~= nil then l = d.L / d.W end
          return math.min(c, l)
        end
        local function window(d)
          if d.L ~= nil and (d.cfg == nil or d.L / d.W < d.cfg / 60) then return d.W end
          return 60
        end

        local function burst(d, now)
          local oneSecond = math.max(1, rate(d))
          if d.th then return math.min(capacity(d), oneSecond) end
          local grown = oneSecond * d.growth ^ math.max(0, now - d.bo)
          if grown ~= grown or grown == INF then grown = 1e300 end
          return math.min(capacity(d), grown)
        end

        -- TokenBucket.ReservedPace: the first burst and a throttled budget's pace plan on a little under the server's window.
        local RESERVED_PACE = 0.90
        local function burstRefill(d, b)
          if d.th then return b * RESERVED_PACE end
          return b
        end

        local function clamp(d)
          if not limited(d) then
            d.a = nil
          elseif d.a == nil or d.a > capacity(d) then
            d.a = capacity(d)
          end
        end

        local function refill(d, now)
          local elapsed = now - d.lr
          d.lr = now
          if not limited(d) or elapsed <= 0 then return end
          d.a = math.min(capacity(d), (d.a or capacity(d)) + elapsed * rate(d))
          if learned(d) then
            local b = burst(d, now)
            d.b = math.min(b, d.b + elapsed * burstRefill(d, b))
          end
        end

        local function expire(d, now, lifetime)
          if d.L == nil or now - d.la <= lifetime then return end
          d.L = nil
          d.W = 60
          d.th = false
          clamp(d)
        end

        local function configure(d, now)
          refill(d, now)
          if d.cfg ~= nil and d.cfg <= 0 then d.cfg = nil end
          clamp(d)
        end

        local function canTake(d, amount, now)
          if amount <= 0 or not limited(d) then return true end
          if d.a + EPS < math.min(amount, capacity(d)) then return false end
          return not learned(d) or d.b + EPS >= math.min(amount, burst(d, now))
        end

        local function take(d, amount, now)
          if amount <= 0 or not limited(d) then return end
          d.a = math.max(-capacity(d), d.a - amount)
          if learned(d) then d.b = math.max(-burst(d, now), d.b - amount) end
        end

        local function timeUntil(d, amount, now)
          if amount <= 0 or not limited(d) then return 0 end
          local seconds = math.max(0, (math.min(amount, capacity(d)) - d.a) / rate(d))
          if learned(d) then
            local b = burst(d, now)
            seconds = math.max(seconds, (math.min(amount, b) - d.b) / burstRefill(d, b))
          end
          return seconds
        end

        local function learn(d, limit, win, remaining, now)
          refill(d, now)
          if limit ~= nil and limit > 0 then
            local fresh = d.L == nil
            local wasLimited = limited(d)
            d.L = limit
            if win ~= nil and win > 0 then d.W = win else d.W = 60 end
            d.la = now
            if not wasLimited then d.a = capacity(d) end
            if fresh then
              d.bo = now
              local b = burst(d, now)
              d.b = math.max(math.min(1, b), b * RESERVED_PACE)
              d.th = false
            end
          end
          if remaining ~= nil and limited(d) and remaining < d.a then d.a = math.max(0, remaining) end
          clamp(d)
        end

        local function throttle(d, now)
          if not learned(d) then return end
          d.th = true
          d.b = math.min(d.b, 0)
        end

        local function correct(d, amount)
          if not limited(d) or amount == nil or amount == 0 then return end
          local c = capacity(d)
          if amount > 0 then
            d.a = math.max(-c, d.a - math.min(amount, c))
          else
            d.a = math.min(c, d.a - math.max(amount, -c))
          end
        end

        local function prepare(key, cfgR, cfgT, learnOn, lifetime, growth, now)
          local s = load(key, cfgR, cfgT, growth)
          s.learn = learnOn
          expire(s.r, now, lifetime)
          expire(s.t, now, lifetime)
          configure(s.r, now)
          configure(s.t, now)
          return s
        end

        local function isLimited(s) return limited(s.r) or limited(s.t) end
        local function isCold(s, now) return s.learn and not isLimited(s) and now >= s.un end
        local function phase(s, now)
          if isLimited(s) then return 2 end
          if not isCold(s, now) then return 3 end
          if now < s.pr then return 1 end
          return 0
        end

        local function f(v)
          if v == nil then return '' end
          if v == INF then return 'inf' end
          if v == -INF then return '-inf' end
          return string.format('%.17g', v)
        end

        local function save(s, ttlMs)
          local args = {}
          local gone = {}
          local function put(name, v)
            if v == nil or v == -INF or v == INF then
              gone[#gone + 1] = name
            else
              args[#args + 1] = name
              args[#args + 1] = f(v)
            end
          end
          put('pu', s.pu)
          put('pr', s.pr)
          put('un', s.un)
          for _, d in ipairs(DIMS) do
            local dim = s[d]
            put(d .. '_L', dim.L)
            put(d .. '_W', dim.W)
            put(d .. '_la', dim.la)
            put(d .. '_a', dim.a)
            put(d .. '_b', dim.b)
            put(d .. '_bo', dim.bo)
            put(d .. '_th', dim.th and 1 or nil)
            put(d .. '_lr', dim.lr)
          end
          if #gone > 0 then redis.call('HDEL', s.key, unpack(gone)) end
          if #args > 0 then redis.call('HSET', s.key, unpack(args)) end
          redis.call('PEXPIRE', s.key, ttlMs)
        end

        -- The replicas that acquired from this account's budgets lately (a sorted set: replica id -> last seen), so that
        -- each knows its share if it has to pace alone during an outage.
        local function present(key, id, now, ttl)
          if key == nil or id == nil or id == '' then return 1 end
          redis.call('ZADD', key, now, id)
          redis.call('ZREMRANGEBYSCORE', key, '-inf', now - ttl)
          redis.call('PEXPIRE', key, math.ceil(ttl * 1000))
          return math.max(1, redis.call('ZCARD', key))
        end

        local function snapshot(s, now, granted, probe, wait, reason)
          local r, t = s.r, s.t
          local age = nil
          if learned(r) then age = now - r.la elseif learned(t) then age = now - t.la end
          local function lim(d) if limited(d) then return math.ceil(capacity(d)) end return nil end
          local function avail(d) if limited(d) then return d.a end return nil end
          return {
            granted and 1 or 0, probe and 1 or 0, f(wait), reason, phase(s, now),
            f(lim(r)), f(window(r)), f(lim(t)), f(window(t)), f(avail(r)), f(avail(t)),
            (learned(r) or learned(t)) and 1 or 0, f(age), (r.th or t.th) and 1 or 0,
          }
        end

        """;

    /// <summary>
    /// Takes one request and the call's tokens from the budget (KEYS[1]) and, when given, the account-wide budget
    /// (KEYS[3]), or nothing, with the wait and its reason; records this replica in the account's replica set (KEYS[2])
    /// and answers how many replicas it holds (a 15th element). ARGV: now (or -1 for the server's clock), tokens, the
    /// configured requests and tokens per minute of the budget and of the account ('' for none), learn (1/0), learned
    /// lifetime (s), probe timeout (s), burst growth per second, key expiry (ms), longest wait to answer while another
    /// replica probes (s), the replica's id, how long a replica counts as present after its last acquisition (s).
    /// </summary>
    public const string AcquireText = Prelude + """
        local now = clock(ARGV[1])
        local tokens = math.max(0, tonumber(ARGV[2]))
        local learnOn = ARGV[7] == '1'
        local lifetime = tonumber(ARGV[8])
        local probeTimeout = tonumber(ARGV[9])
        local growth = math.max(1, tonumber(ARGV[10]))
        local ttl = tonumber(ARGV[11])
        local probePoll = tonumber(ARGV[12])

        local s = prepare(KEYS[1], num(ARGV[3]), num(ARGV[4]), learnOn, lifetime, growth, now)
        local replicas = present(KEYS[2], ARGV[13], now, tonumber(ARGV[14]) or 10)
        local acct = nil
        if KEYS[3] ~= nil then
          -- The account-wide budget holds configured limits only: the server's headers describe a model's budget.
          acct = prepare(KEYS[3], num(ARGV[5]), num(ARGV[6]), false, lifetime, growth, now)
        end

        local reason = 0
        local wait = 0
        local probe = false
        if now < s.pu then
          reason = 3
          wait = s.pu - now
        elseif isCold(s, now) then
          if now < s.pr then
            reason = 4
            wait = s.pr - now
            -- The probe may be another replica's, whose report this one does not hear: ask again soon.
            if probePoll > 0 and wait > probePoll then wait = probePoll end
          else
            probe = true
          end
        elseif not canTake(s.r, 1, now) then
          reason = 1
          wait = timeUntil(s.r, 1, now)
        elseif not canTake(s.t, tokens, now) then
          reason = 2
          wait = timeUntil(s.t, tokens, now)
        end

        if reason == 0 and acct ~= nil then
          if not canTake(acct.r, 1, now) then
            reason = 5
            wait = timeUntil(acct.r, 1, now)
          elseif not canTake(acct.t, tokens, now) then
            reason = 6
            wait = timeUntil(acct.t, tokens, now)
          end
        end

        if reason ~= 0 then
          if wait < 0.001 then wait = 0.001 end
          save(s, ttl)
          if acct ~= nil then save(acct, ttl) end
          local refused = snapshot(s, now, false, false, wait, reason)
          refused[#refused + 1] = replicas
          return refused
        end

        if probe then s.pr = now + probeTimeout end
        take(s.r, 1, now)
        take(s.t, tokens, now)
        if acct ~= nil then
          take(acct.r, 1, now)
          take(acct.t, tokens, now)
        end
        save(s, ttl)
        if acct ~= nil then save(acct, ttl) end
        local granted = snapshot(s, now, true, probe, 0, 0)
        granted[#granted + 1] = replicas
        return granted
        """;

    /// <summary>
    /// Applies a response's feedback to the budget (KEYS[1]) and a cost correction also to the account-wide budget
    /// (KEYS[2], when given). ARGV: now, the configured requests and tokens per minute of the budget and of the account,
    /// learn, learned lifetime (s), burst growth, key expiry (ms), probe ended (1/0), request limit, its window (s),
    /// remaining requests, token limit, its window (s), remaining tokens ('' when not reported), has limits (1/0), no limits
    /// reported (1/0), throttled (1/0), pause (s), request correction, token correction.
    /// </summary>
    public const string ReportText = Prelude + """
        local now = clock(ARGV[1])
        local learnOn = ARGV[6] == '1'
        local lifetime = tonumber(ARGV[7])
        local growth = math.max(1, tonumber(ARGV[8]))
        local ttl = tonumber(ARGV[9])
        local s = prepare(KEYS[1], num(ARGV[2]), num(ARGV[3]), learnOn, lifetime, growth, now)

        if ARGV[10] == '1' then s.pr = -INF end
        if learnOn then
          if ARGV[17] == '1' then
            learn(s.r, num(ARGV[11]), num(ARGV[12]), num(ARGV[13]), now)
            learn(s.t, num(ARGV[14]), num(ARGV[15]), num(ARGV[16]), now)
            s.un = -INF
          elseif ARGV[18] == '1' and not isLimited(s) then
            s.un = now + lifetime
          end
        end

        if ARGV[19] == '1' then
          throttle(s.r, now)
          throttle(s.t, now)
        end

        local pause = tonumber(ARGV[20])
        if pause > 0 then
          -- Capped at one window of the per-minute limits: one replica's bad response cannot hold the others longer.
          s.pu = math.max(s.pu, now + math.min(pause, 60))
        end

        local requestCorrection = tonumber(ARGV[21])
        local tokenCorrection = tonumber(ARGV[22])
        correct(s.r, requestCorrection)
        correct(s.t, tokenCorrection)
        save(s, ttl)
        if KEYS[2] ~= nil and (requestCorrection ~= 0 or tokenCorrection ~= 0) then
          local acct = prepare(KEYS[2], num(ARGV[4]), num(ARGV[5]), false, lifetime, growth, now)
          correct(acct.r, requestCorrection)
          correct(acct.t, tokenCorrection)
          save(acct, ttl)
        end

        return snapshot(s, now, false, false, 0, 0)
        """;

    /// <summary><see cref="AcquireText"/>, run by its hash.</summary>
    public static readonly RedisScript Acquire = new(AcquireText);

    /// <summary><see cref="ReportText"/>, run by its hash.</summary>
    public static readonly RedisScript Report = new(ReportText);
}
