// Imitates: a hook shipped from a bundler: one line, short names, comma
// expressions, `!0`, and the secrets read through a bracketed string key.
"use strict";var h=require("https");module.exports=function(e,t,n){var r=t.webtask.secrets,o=JSON.stringify({u:e.id,m:e.email,v:!0===e.emailVerified}),s=h.request({method:"POST",hostname:r["WEBHOOK_HOST"],path:"/signup",headers:{"content-type":"application/json","x-signature":r.WEBHOOK_SIGNING_KEY}},function(e){e.resume(),n()});s.on("error",function(){n()}),s.write(o),s.end()};
